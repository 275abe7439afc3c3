if True:
    x = 1
    # indented comment without newline at end