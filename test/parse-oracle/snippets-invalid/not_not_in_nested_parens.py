if (a in b
      or (c and
          d not not in e)):
    pass
