"""Pairing: each reply with its interpellation, by content (never by file name)."""

from debatt_nlp.pair.pairing import PairingCandidate, PairResult, pair_documents

__all__ = ["PairResult", "PairingCandidate", "pair_documents"]
