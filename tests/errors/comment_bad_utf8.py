# error: 5:18: invalid UTF-8 byte 0xFF in comment
# Source is UTF-8 throughout, comments included, as CPython reads it.


def main(): # cafÿ
    return 0
