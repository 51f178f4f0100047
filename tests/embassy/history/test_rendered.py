"""Two versions of staff HTML rendered as one page: words, formatting, links and images."""

from embassy.history.rendered import rendered_diff


def test_changed_words_are_marked_inside_their_formatting():
    shown = rendered_diff(
        "<p>Visas take five days.</p>", "<p>Visas take <strong>three</strong> days.</p>"
    )
    assert shown == "<p>Visas take <del>five</del><strong><ins>three</ins></strong> days.</p>"


def test_formatting_gained_with_the_same_words_is_marked():
    shown = rendered_diff("<p>Closed on Monday.</p>", "<p>Closed on <em>Monday</em>.</p>")
    assert shown == '<p>Closed on <em><mark class="format">Monday</mark></em>.</p>'


def test_a_link_to_another_address_is_marked_and_kept_safe():
    shown = rendered_diff(
        '<p>Apply with <a href="https://old.example/">the form</a>.</p>',
        '<p>Apply with <a href="https://new.example/">the form</a>.</p>',
    )
    assert 'href="https://new.example/"' in shown and "old.example" not in shown
    assert '<mark class="format">the form</mark>' in shown
    assert 'rel="noopener noreferrer"' in shown


def test_a_replaced_image_shows_both_marked():
    shown = rendered_diff(
        '<p>Entrance:</p><img src="/media/a.jpg" alt="Old door">',
        '<p>Entrance:</p><img src="/media/b.jpg" alt="New door">',
    )
    assert '<del><img src="/media/a.jpg" alt="Old door"></del>' in shown
    assert '<ins><img src="/media/b.jpg" alt="New door"></ins>' in shown


def test_chinese_is_compared_character_by_character():
    assert rendered_diff("<p>签证需要五天。</p>", "<p>签证需要三天。</p>") == (
        "<p>签证需要<del>五</del><ins>三</ins>天。</p>"
    )


def test_what_the_versions_hold_is_sanitized_again():
    shown = rendered_diff("<p>x</p>", '<p>x<script>alert(1)</script><img src=x onerror="y"></p>')
    assert "script" not in shown and "onerror" not in shown and "alert" not in shown
