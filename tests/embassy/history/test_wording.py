from embassy.history.wording import ADDED, REMOVED, SAME, word_diff


def test_words_added_and_removed_are_marked_and_the_rest_kept():
    assert word_diff("The NHK answer was short.", "The NHK answer was long and clear.") == [
        (SAME, "The NHK answer was "),
        (REMOVED, "short."),
        (ADDED, "long and clear."),
    ]


def test_chinese_is_compared_character_by_character():
    assert word_diff("中国外交部发言人", "中国外交部新闻发言人") == [
        (SAME, "中国外交部"),
        (ADDED, "新闻"),
        (SAME, "发言人"),
    ]


def test_from_nothing_everything_is_added_and_equal_texts_have_no_change():
    assert word_diff("", "New text") == [(ADDED, "New text")]
    assert word_diff("Same", "Same") == [(SAME, "Same")]
