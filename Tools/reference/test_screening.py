"""Tests of screening_nx.py's name rules, worked by hand (the same cases as the Swift tests).

Run: python3 -m pytest Tools/reference/test_screening.py  (or python3 Tools/reference/test_screening.py)
"""
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import screening_nx as s  # noqa: E402

NAMES = [
    ("S.A.", ""), ("Acme S.A.", "acme"), ("SA Acme", "acme"), ("Acme Holding GmbH & Co. KG", "acme holding"),
    ("Société Générale d'Études", "societe generale detudes"), ("Straße Werke AG", "strasse werke"),
    ("ＡＣＭＥ Ｌｔｄ", "acme"), ("ООО Ромашка", "ромашка"), ("ПАО «Северный Завод»", "северныи завод"),
    ("Romashka LLC", "romashka"), ("O’Neil & Sons, Inc.", "oneil sons"), ("Co-Op Company", "op"),
]
SIMILARITIES = [
    ("acme trading", "trading acme", 1.0), ("acme", "acme steel", 1.0), ("nordic arms", "nordic armz", 1 - 2 / 22),
    ("abc", "abd", 1 - 2 / 6), ("", "acme", 0.0), ("severo zavod", "severny zavod", 1 - 3 / 25),
]


def test_names():
    for name, expected in NAMES:
        assert s.normalise(name) == expected, (name, s.normalise(name))


def test_identifiers():
    assert s.normalise_identifier("DE 123-456/7") == "de1234567"
    assert s.normalise_identifier("--") == ""


def test_similarity():
    for a, b, expected in SIMILARITIES:
        assert abs(s.token_set_ratio(a, b) - expected) < 1e-12, (a, b)
        assert abs(s.token_set_ratio(b, a) - expected) < 1e-12, (b, a)


if __name__ == "__main__":
    test_names(); test_identifiers(); test_similarity()
    print("ok")
