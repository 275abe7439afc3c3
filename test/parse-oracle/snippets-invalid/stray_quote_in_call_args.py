f(a,
  "   "text here.\n"
  "more text.",
  b)
