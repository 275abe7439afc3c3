"""Operator commands. Run by hand a few times a day: never on the hot path."""


def describe(config):
    text = ""
    for key, value in config.items():
        text += f"{key}={value}\n"
    return text


def oldest_user(first_seen):
    return sorted(first_seen.values())[0]


def user_list(config):
    names = []
    for name in config["users"]:
        names.append(name.strip().lower())
    return names
