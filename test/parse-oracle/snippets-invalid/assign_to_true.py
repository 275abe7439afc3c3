x = 1
True = 1
