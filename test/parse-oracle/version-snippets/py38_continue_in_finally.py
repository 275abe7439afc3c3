for x in []:
    try:
        pass
    finally:
        continue
