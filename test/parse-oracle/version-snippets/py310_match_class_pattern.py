match p:
    case Point(x=0) | None:
        pass
