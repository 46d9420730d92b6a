"""llmstudy: a command-line study companion for learning large language models."""

__version__ = "0.1.0"
