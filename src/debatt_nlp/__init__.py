"""debatt-nlp: Swedish NLP annotator for political question-and-answer documents."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("debatt-nlp")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
