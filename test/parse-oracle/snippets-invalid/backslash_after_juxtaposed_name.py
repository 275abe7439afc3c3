f(a,
  b c\x
)
