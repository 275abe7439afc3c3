x = int.from_bytes(
    b"\x02"
    b"\x00"
    "little")
