from inspection_report.markdown_render import markdown_inline_to_html, markdown_to_html


class EchoResolver:
    def inline(self, ref):
        return f"<data>{ref.kind}:{ref.target}</data>"

    def block(self, ref):
        return f"<div class='block'>{ref.kind}:{ref.target}</div>\n"


def test_raw_html_in_prose_is_shown_as_text_never_markup():
    html = markdown_to_html("Hi <script>alert(1)</script> <b onclick='x'>b</b>", EchoResolver())
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;" in html


def test_a_paragraph_of_one_block_reference_becomes_the_block():
    html = markdown_to_html("Before.\n\n{example:john}\n\nAfter.", EchoResolver())
    assert "<div class='block'>example:john</div>" in html
    assert "<p><div" not in html


def test_a_block_reference_inside_a_sentence_stays_inline():
    html = markdown_to_html("See {example:john} here.", EchoResolver())
    assert html.startswith("<p>See <data>example:john</data>")


def test_inline_references_resolve_inside_emphasis_and_lists():
    html = markdown_to_html("- *in {count:crc} cases*", EchoResolver())
    assert "<li><em>in <data>count:crc</data> cases</em></li>" in html


def test_headings_shift_to_their_place_in_the_document():
    assert markdown_to_html("## Practice issues", EchoResolver(), heading_offset=2).startswith(
        '<h4 class="subheading">Practice issues</h4>'
    )


def test_javascript_links_and_images_are_not_rendered():
    html = markdown_to_html("[x](javascript:alert(1)) ![i](file:///etc/passwd)", EchoResolver())
    assert "href" not in html and "<img" not in html


def test_inline_rendering_has_no_paragraph():
    assert markdown_inline_to_html("a *b* {count:c}", EchoResolver()) == "a <em>b</em> <data>count:c</data>"


def test_only_web_and_email_links_become_links_whatever_the_checks_said():
    html = markdown_to_html(
        "[a](file:///etc/passwd) [b](../../secret) [c][d] <ftp://x/y> [e](data:text/html,x)\n\n"
        "[d]: vbscript:msgbox",
        EchoResolver(),
    )
    assert "href" not in html
    html = markdown_to_html("[web](https://example.org) <mailto:a@b.example>", EchoResolver())
    assert 'href="https://example.org"' in html and 'href="mailto:a@b.example"' in html
