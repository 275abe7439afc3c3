f(
    x=
        "a\n"
  "     "*aa bb\n",
    y=1)
