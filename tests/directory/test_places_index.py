"""The place index's key groups: the sorted keys a prefix search builds answer lookups the same
way as the stored text (issue 14, third round: a missing key is not searched for)."""

from __future__ import annotations

from directory.places import place_index


def test_every_stored_key_is_found_after_its_group_was_sorted_and_others_are_not() -> None:
    index = place_index()
    assert index.has_prefix("now")  # builds the group's sorted keys
    keys = index.keys_with_prefix("nowa s")
    assert "nowa sol" in keys
    for key in keys:
        assert index.lookup(key) != ([], []), key
    assert index.lookup("nowa solx") == ([], [])
    assert index.lookup("nowa s") == ([], [])


def test_a_name_added_at_start_up_is_in_its_groups_sorted_keys() -> None:
    index = place_index()
    # "W-wa" comes from place_names.csv, not from the gazetteer's stored groups.
    assert index.has_prefix("w-w")
    assert "w-wie" in index.keys_with_prefix("w-w")
    assert index.lookup("w-wa")[0]
