"""Finding kg's sample articles from wherever a notebook or script runs."""
from __future__ import annotations

from pathlib import Path

import kg
from kg.errors import InputError


def seeds_dir(start: str | Path | None = None) -> Path:
    """The repository's ``seeds/`` folder (two sample articles).

    Looked for in ``start`` (default: the working directory) and its parents,
    then beside the installed package (an editable install of the repository),
    so a notebook finds it whether it runs from the repository root or from
    ``notebooks/``.  Raises :class:`InputError` when there is none.
    """
    here = Path(start or Path.cwd()).resolve()
    candidates = [p / "seeds" for p in (here, *here.parents)]
    candidates.append(Path(kg.__file__).resolve().parent.parent / "seeds")
    for c in candidates:
        if c.is_dir() and any(c.glob("*.txt")):
            return c
    raise InputError("cannot find kg's seeds/ folder", path=here,
                     hint="run from the kg repository, or point the notebook at your own "
                          "folder of articles")


__all__ = ["seeds_dir"]
