#!/usr/bin/env python3
"""Builds a word-level tokenizer in DIR, offline, for benchmark clients that count tokens.

Every whitespace-separated word of the vocabulary is one token (unknown words one [UNK]), so
the stub server (stub_server.py), which counts words, and the client agree on token counts.
The vocabulary is the words of the client's own bundled synthetic-data text when it is given,
else a fixed list.

    make_tokenizer.py DIR [TEXT_FILE]
"""
import gzip
import sys

from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import PreTrainedTokenizerFast


def main():
    out = sys.argv[1]
    words = {"tok"}
    if len(sys.argv) > 2:
        path = sys.argv[2]
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", errors="ignore") as f:
            words.update(f.read().split())
    vocab = {"[UNK]": 0}
    for w in sorted(words):
        vocab.setdefault(w, len(vocab))
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]")
    fast.save_pretrained(out)


if __name__ == "__main__":
    main()
