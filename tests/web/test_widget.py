"""The embed.js widget in a real browser: Debian's chromium, headless, driven by Playwright.

The browser is the system's (``executable_path``); Playwright downloads none.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from glossary import Glossary

from .live import PageHost, Server, copy_store, start_server, stop_server_process

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh --user-data-dir
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1100, "height": 900})
        yield context
        context.close()


@pytest.fixture
def page(browser: BrowserContext) -> Iterator[Page]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert not errors, errors


def ready(page: Page) -> None:
    page.wait_for_selector("article[data-sozdik=ready]", timeout=30_000)


def test_the_demo_marks_the_article_without_changing_its_text(reader: Server,
                                                              page: Page) -> None:
    original = httpx.get(f"{reader.url}/demo").text
    page.goto(f"{reader.url}/demo")
    ready(page)
    before = page.evaluate("html => new DOMParser().parseFromString(html, 'text/html')"
                           ".querySelector('article').textContent", original)
    assert page.locator("article").text_content() == before
    marks = page.locator("article mark.sozdik-term")
    assert marks.count() > 40
    eeu = page.locator("mark[data-concept=eeu]").all_text_contents()
    assert {"Eurasian Economic Union", "EEU"} <= set(eeu)
    assert page.locator("header mark, footer mark").count() == 0  # outside the article


def test_hovering_a_term_shows_its_definition_in_the_readers_language(reader: Server,
                                                                        page: Page) -> None:
    eeu = httpx.get(f"{reader.api}/concepts/eeu").json()
    page.goto(f"{reader.url}/demo")
    ready(page)
    mark = page.locator("mark[data-concept=eeu]", has_text="Eurasian Economic Union").first
    tip = page.locator("#sozdik-tip-eeu")
    assert mark.get_attribute("aria-describedby") == "sozdik-tip-eeu"
    assert tip.get_attribute("role") == "tooltip"
    expect(tip).to_be_hidden()
    mark.hover()
    expect(tip).to_be_visible()
    expect(tip.locator(".sozdik-def")).to_have_text(eeu["langs"]["ru"]["definition"])
    expect(tip.locator(".sozdik-def")).to_have_attribute("lang", "ru")
    for lang in ("en", "ru", "kk"):
        preferred = next(t["text"] for t in eeu["langs"][lang]["terms"]
                         if t["status"] == "preferred")
        expect(tip.locator(f"dd[lang={lang}]")).to_have_text(preferred)
    link = tip.locator("a")
    assert link.get_attribute("href") == f"{reader.url}/concept/eeu?lang=ru"  # the reader's
    concept_page = httpx.get(link.get_attribute("href"))
    assert concept_page.status_code == 200 and "Еуразиялық экономикалық одақ" in concept_page.text
    assert concept_page.headers["content-language"] == "ru"
    page.mouse.move(5, 5)
    expect(tip).to_be_hidden()


def test_marks_are_reached_with_the_keyboard_and_escape_closes(reader: Server,
                                                               page: Page) -> None:
    page.goto(f"{reader.url}/demo")
    ready(page)
    first = page.locator("article mark[tabindex='0']").first
    concept = first.get_attribute("data-concept")
    for _ in range(20):  # from the top of the page to the first mark
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('sozdik-term')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('data-concept')") == concept
    tip = page.locator(f"#sozdik-tip-{concept}")
    expect(tip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert page.evaluate("document.activeElement.getAttribute('data-concept')") == concept
    page.keyboard.press("Tab")
    following = page.evaluate("document.activeElement.getAttribute('data-concept')")
    expect(page.locator(f"#sozdik-tip-{following}")).to_be_visible()


PAGE = """<!doctype html>
<html lang="kk"><head><meta charset="utf-8"><title>Жаңалықтар</title>
<link rel="icon" href="data:,"></head>
<body><article>
<p>🙂 Қазақстан 2015 жылы 𝐀𝐁 <b>Еуразиялық</b> экономикалық одаққа кірді.</p>
<p>😀😀 Ресей ЕАЭО-ға және ҰҚШҰ-ға мүше; БҰҰ Қауіпсіздік Кеңесінде дауыс берді.</p>
<p>Қазaқстан туралы.</p>
</article>
<script src="{server}/embed.js" data-lang="kk" defer></script>
</body></html>
"""


def test_a_page_of_another_origin_is_marked_at_the_right_offsets(
        reader: Server, pages: PageHost, page: Page) -> None:
    url = pages.publish("news.html", PAGE.format(server=reader.url))
    page.goto(url)
    ready(page)
    text = page.evaluate(  # what the widget sends: the article's text, blocks apart
        "Array.from(document.querySelectorAll('article p')).map(p => p.textContent).join('\\n')")
    expected = httpx.post(f"{reader.api}/annotate", json={"text": text}).json()
    assert expected["lang"] == "kk" and len(expected["spans"]) >= 4
    marked = page.evaluate("""() => {
        const spans = {};
        for (const m of document.querySelectorAll('mark.sozdik-term')) {
            const i = m.dataset.span;
            spans[i] = (spans[i] || '') + m.textContent;
        }
        return Object.keys(spans).sort((a, b) => a - b).map(i => spans[i]);
    }""")
    assert marked == [span["text"] for span in expected["spans"]]
    assert "Еуразиялық экономикалық одаққа" in marked  # across <b>: one term, two pieces
    one = page.locator("mark[data-concept=eeu][tabindex='0']").first
    one.focus()
    tip = page.locator("#sozdik-tip-eeu")
    expect(tip).to_be_visible()
    expect(tip.locator(".sozdik-def")).to_have_attribute("lang", "kk")
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    typo = page.locator("mark.sozdik-lookalike")  # a Latin «a» in «Қазaқстан»
    expect(typo).to_have_text("Қазaқстан")
    typo.hover()
    expect(page.locator("#sozdik-tip-kazakhstan .sozdik-note")).to_have_text(
        "Басқа әліпбидің ұқсас әріптерімен жазылған; дұрысы: Қазақстан")


def test_without_cors_the_widget_leaves_the_page_alone(writer: Server, pages: PageHost,
                                                       page: Page, tmp_path: Path) -> None:
    url = pages.publish("elsewhere.html", PAGE.format(server=writer.url))
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text)
            if message.type == "warning" else None)
    page.goto(url)
    page.wait_for_selector("article[data-sozdik=failed]", timeout=30_000)
    assert page.locator("mark").count() == 0
    # the page's console says what to do about it, and so do the answer and the log
    assert any(f"glossary serve --cors-origin {pages.origin}" in w for w in warnings), warnings
    refused = httpx.options(f"{writer.api}/annotate", headers={
        "Origin": pages.origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert refused.status_code == 400
    assert refused.headers["content-type"] == "application/problem+json"
    assert f"--cors-origin {pages.origin}" in refused.json()["detail"]
    assert f"--cors-origin {pages.origin}" in writer.log_text()


def test_a_named_origin_may_call_a_server_on_a_private_address(reader: Server,
                                                                 pages: PageHost) -> None:
    # Chrome's Private Network Access: a public page calling an intranet server asks first
    preflight = httpx.options(f"{reader.api}/annotate", headers={
        "Origin": pages.origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
        "Access-Control-Request-Private-Network": "true"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-private-network"] == "true"
    assert preflight.headers["access-control-allow-origin"] == pages.origin


LINES = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Новости</title>
<link rel="icon" href="data:,"></head>
<body><article>
<p>Участники саммита ЕАЭС<br>ОДКБ провела учения.</p>
<p>Вести сообщили о встрече. В эфире «Вести» говорили о ней.</p>
</article>
<script src="{server}/embed.js" data-lang="ru" defer></script>
</body></html>
"""


def test_a_line_break_parts_two_terms_and_each_occurrence_says_its_own_ambiguity(
        reader: Server, pages: PageHost, page: Page) -> None:
    page.goto(pages.publish("lines.html", LINES.format(server=reader.url)))
    ready(page)
    # a CMS writes lines with <br>: the words either side are not one word
    text = "Участники саммита ЕАЭС\nОДКБ провела учения.\nВести сообщили о встрече. " \
           "В эфире «Вести» говорили о ней."
    expected = httpx.post(f"{reader.api}/annotate", json={"text": text}).json()["spans"]
    assert [m.text_content() for m in page.locator("mark.sozdik-term").all()] == \
        [span["text"] for span in expected]
    assert page.locator("mark[data-concept=eeu]").count() == 1
    assert page.locator("mark[data-concept=csto]").count() == 1
    # the first «Вести» opens a sentence (maybe the verb), the quoted one is the programme
    first, quoted = expected[-2], expected[-1]
    assert first["ambiguous"] and first["reason"] and not quoted["ambiguous"]
    marks = page.locator("mark[data-concept=vesti]")
    note = page.locator("#sozdik-tip-vesti .sozdik-note")
    marks.nth(0).hover()
    expect(note).to_have_text(first["reason"])
    marks.nth(1).hover()
    expect(note).to_be_hidden()
    expect(note).to_have_text("")


FRONT_PAGE = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Главная</title>
<link rel="icon" href="data:,"></head>
<body><main>
<article><h2>Саммит</h2><p>Лидеры ЕАЭС встретились в Астане.</p></article>
<article><h2>Саммит</h2><p>ЕАЭО көшбасшылары Астанада кездесті.</p>
  <article><p>Пікір: ҰҚШҰ туралы.</p></article></article>
</main>
<script src="{server}/embed.js" data-lang="ru" defer></script>
</body></html>
"""


def test_every_article_of_a_front_page_is_marked_in_its_own_language(
        reader: Server, pages: PageHost, page: Page) -> None:
    page.goto(pages.publish("front.html", FRONT_PAGE.format(server=reader.url)))
    page.wait_for_function("window.sozdik && document.querySelectorAll("
                           "'body > main > article[data-sozdik=ready]').length === 2",
                           timeout=30_000)
    for index, text, lang in ((0, "Саммит\nЛидеры ЕАЭС встретились в Астане.", "ru"),
                              (1, "Саммит\nЕАЭО көшбасшылары Астанада кездесті.\n"
                                  "Пікір: ҰҚШҰ туралы.", "kk")):
        expected = httpx.post(f"{reader.api}/annotate", json={"text": text}).json()
        assert expected["lang"] == lang and expected["spans"]
        article = page.locator("body > main > article").nth(index)
        assert [m.text_content() for m in article.locator("mark.sozdik-term").all()] == [
            span["text"] for span in expected["spans"]]
    assert page.evaluate("window.sozdik.ready") == page.locator("mark.sozdik-term").count()


#: a page that loads the widget twice, once as a module (no document.currentScript), and
#: adds an article after load, as a single-page app does
SPA_PAGE = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Лента</title>
<link rel="icon" href="data:,"></head>
<body><main><article><p>Лидеры ЕАЭС встретились в Астане.</p></article></main>
<script type="module" src="{server}/embed.js" data-lang="ru"></script>
<script type="module" src="{server}/embed.js" data-lang="ru"></script>
</body></html>
"""


def test_a_module_script_loaded_twice_marks_once_and_marks_what_the_page_adds(
        reader: Server, pages: PageHost, page: Page) -> None:
    page.goto(pages.publish("spa.html", SPA_PAGE.format(server=reader.url)))
    page.wait_for_function("window.sozdik", timeout=30_000)
    assert page.evaluate("window.sozdik.ready") == 1
    expect(page.locator("article mark.sozdik-term")).to_have_text(["ЕАЭС"])
    added = page.evaluate("""() => {
        const next = document.createElement('article');
        next.innerHTML = '<p>Саммит ОДКБ прошёл в Минске.</p>';
        document.querySelector('main').append(next);
        return Promise.all([window.sozdik.mark(next), window.sozdik.mark(next)]);
    }""")
    assert added == [1, 0]  # the second call finds it marked already
    second = page.locator("article").nth(1)
    expect(second).to_have_attribute("data-sozdik", "ready")
    expect(second.locator("mark.sozdik-term")).to_have_text(["ОДКБ"])
    assert page.locator("mark.sozdik-term").count() == 2


@pytest.mark.parametrize("lang,contexts,status", [
    ("ru", "Контексты", "предпочтительный"), ("kk", "Контекстер", "ұсынылатын"),
    ("en", "Contexts", "preferred")])
def test_the_concept_page_is_in_the_readers_language(reader: Server, page: Page, lang: str,
                                                     contexts: str, status: str) -> None:
    """The tooltip's link: the title, the headings, the statuses and the first section in
    the reader's language, each quotation's translation into it under the quotation."""
    eeu = httpx.get(f"{reader.api}/concepts/eeu").json()
    page.goto(f"{reader.url}/concept/eeu?lang={lang}")
    preferred = next(t["text"] for t in eeu["langs"][lang]["terms"] if t["status"] == "preferred")
    expect(page.locator("h1")).to_have_text(preferred)
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator("section[lang]").first).to_have_attribute("lang", lang)
    expect(page.locator("h2", has_text=contexts)).to_have_count(1)
    assert status in page.locator("section[lang] .status").first.text_content()
    quoted = [c for c in eeu["contexts"] if c["lang"] != lang and lang in c["translations"]]
    assert quoted or lang == "en"  # eeu's quotations are English, translated into ru, kk
    expect(page.locator(f"blockquote .translation[lang={lang}]")).to_have_count(len(quoted))
    by_browser = httpx.get(f"{reader.url}/concept/no-such", headers={"Accept-Language": lang})
    assert by_browser.status_code == 404 and by_browser.headers["content-language"] == lang
    assert f'<html lang="{lang}">' in by_browser.text


#: markup in what editors type: a definition, a term, a usage note, a quotation
HOSTILE = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'


@pytest.fixture(scope="module")
def hostile(bundled_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("hostile")
    store = copy_store(bundled_store, work / "store.sqlite3")
    with Glossary.open(store) as g:
        eeu = g.get("eeu")
        eeu.langs["ru"].definition = HOSTILE + " Союз & Ко"
        eeu.langs["kk"].terms[0].text = "Еуразиялық " + HOSTILE
        eeu.langs["en"].terms[0].note = HOSTILE
        eeu.contexts[0].text = eeu.contexts[0].text + " " + HOSTILE
        g.put(eeu)
    server = start_server(work, store)
    yield server
    stop_server_process(server.process)


def test_markup_in_the_glossary_is_shown_as_text_never_run(hostile: Server, page: Page) -> None:
    page.goto(f"{hostile.url}/demo")
    ready(page)
    page.locator("mark[data-concept=eeu]", has_text="Eurasian Economic Union").first.hover()
    tip = page.locator("#sozdik-tip-eeu")
    expect(tip.locator(".sozdik-def")).to_have_text(HOSTILE + " Союз & Ко")
    expect(tip.locator("dd[lang=kk]")).to_have_text("Еуразиялық " + HOSTILE)
    assert tip.locator("img, script").count() == 0
    page.goto(f"{hostile.url}/concept/eeu")  # where the tooltip's link leads
    assert page.locator("img, body script").count() == 0
    assert page.get_by_text(HOSTILE + " Союз & Ко").count() == 1
    assert page.evaluate("window.pwned") is None
