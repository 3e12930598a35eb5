"""Tests of the kg command line (kg.cli)."""
