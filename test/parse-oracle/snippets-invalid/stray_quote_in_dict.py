d = {
    "a": 1,
    "msg": "x <y"> or [ok]. z\n"
           "w\n"
}
