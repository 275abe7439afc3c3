# -*- coding: latin-1 -*-
# Decoded as latin-1 (PEP 263); columns are UTF-8 byte offsets of the re-encoded text.
x = "café naïve"
y = x; z = "ÿ"
été = 1
