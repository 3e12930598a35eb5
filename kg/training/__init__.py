"""Training kg's models on annotated articles (``kg train``) and cross-validating them."""
from kg.training.train import TrainReport, train_model  # noqa: F401
