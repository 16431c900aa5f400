from core.wording import count


def test_counts_take_the_right_number() -> None:
    assert count(1, "annotation") == "1 annotation"
    assert count(0, "annotation") == "0 annotations"
    assert count(1204, "document") == "1,204 documents"
    assert count(2, "match") == "2 matches"
    assert count(3, "nested tag") == "3 nested tags"
    assert count(2, "person", "people") == "2 people"
