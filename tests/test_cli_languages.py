"""The CLI speaks the user's language: --ui-lang, else LANGUAGE, LC_ALL, LC_MESSAGES, LANG."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary import Glossary, i18n
from glossary.cli import cli
from glossary.errors import InputError


def run(*args: str | Path, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="glossary", env=env,
                              catch_exceptions=False)


def test_an_unknown_id_in_kazakh_and_russian(mini_store: Path) -> None:
    kk = run("--store", mini_store, "show", "nosuch", env={"LANGUAGE": "kk"})
    assert kk.exit_code == 1
    assert kk.stderr == "glossary: 'nosuch' идентификаторлы ұғым жоқ\n"
    ru = run("--store", mini_store, "show", "nosuch", env={"LC_ALL": "ru_RU.UTF-8"})
    assert ru.stderr == "glossary: нет понятия с идентификатором 'nosuch'\n"
    en = run("--store", mini_store, "show", "nosuch")
    assert en.stderr == "glossary: no concept with id 'nosuch'\n"


def test_ui_lang_wins_over_the_environment(mini_store: Path) -> None:
    result = run("show", "nosuch", "--store", mini_store, "--ui-lang", "ru",
                 env={"LANGUAGE": "kk"})
    assert "нет понятия" in result.stderr


def test_a_hostile_file_keeps_its_file_line_and_field(tmp_path: Path, mini_store: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nlangs:\n  kk:\n    terms:\n    - text: ''\n", encoding="utf-8")
    before = Glossary.open(mini_store).stats()["revisions"]
    kk = run("--store", mini_store, "import", bad, env={"LANGUAGE": "kk"})
    assert kk.exit_code == 2
    assert kk.stderr == (f"glossary: {bad}:5: 'langs.kk.terms[0].text' өрісі: "
                         "бос болмауы керек\n")
    ru = run("--store", mini_store, "import", bad, env={"LANG": "ru_RU.UTF-8"})
    assert ru.stderr == (f"glossary: {bad}:5: поле 'langs.kk.terms[0].text': "
                         "не должно быть пустым\n")
    assert Glossary.open(mini_store).stats()["revisions"] == before


def test_help_texts_are_translated() -> None:
    result = run("--help", env={"LANGUAGE": "kk"})
    assert "Ұғымдарды кез келген терминімен" in result.stdout  # lookup
    assert "Параметрлер:" in result.stdout
    show = run("show", "--help", env={"LANGUAGE": "ru"})
    assert "Показать одно понятие полностью." in show.stdout
    assert "Вывод для программ (JSON)." in show.stdout
    options = show.stdout.split("Параметры:")[1]
    assert "ID" not in options and "--script" in options  # the argument is in the usage line


def test_subjects_by_label_in_any_language(mini_store: Path) -> None:
    by_label = run("--store", mini_store, "list", "--subject", "сми", "--json")
    by_id = run("--store", mini_store, "list", "--subject", "media", "--json")
    assert by_label.exit_code == 0 and by_label.stdout == by_id.stdout
    assert '"solovyov"' in by_label.stdout
    assert run("--store", mini_store, "list", "--subject", "БАҚ").exit_code == 0
    shown = run("--store", mini_store, "show", "eeu", env={"LANGUAGE": "kk"})
    assert "Халықаралық ұйымдар (international-organizations)" in shown.stdout
    assert "толық нысан · ұсынылатын" in shown.stdout
    unknown = run("--store", mini_store, "list", "--subject", "sport", env={"LANGUAGE": "ru"})
    assert unknown.exit_code == 2
    assert "'sport'" in unknown.stderr
    assert "СМИ (media)" in unknown.stderr


def glossary_command(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it (its entry point, not click's test runner)."""
    clean = {k: v for k, v in os.environ.items() if k not in i18n.ENV_VARS}
    return subprocess.run([sys.executable, "-m", "glossary", *args], capture_output=True,
                          text=True, env={**clean, **env})


def test_clicks_own_words_speak_the_language_of_the_messages() -> None:
    """Usage lines, click's errors and --help's own lines: click's catalogue ships too."""
    kk = glossary_command("lookup", LANGUAGE="kk")
    assert kk.returncode == 2
    assert kk.stderr.splitlines() == ["Қолданылуы: glossary lookup [OPTIONS] QUERY",
                                      "Анықтама: 'glossary lookup --help'.", "",
                                      "Қате: Аргумент көрсетілмеген 'QUERY'."]
    # --ui-lang wins over the environment, for click as for Sozdik
    ru = glossary_command("lookup", "x", "--limit", "0", "--ui-lang", "ru", LANG="kk_KZ.UTF-8")
    assert ru.returncode == 2
    assert "Ошибка: Недопустимое значение '--limit': 0 вне диапазона 1<=x<=1000." in ru.stderr
    # a language Sozdik lacks listed first: click passes over it as Sozdik does
    help_text = glossary_command("show", "--help", LANGUAGE="de:kk").stdout
    assert "Осы анықтаманы көрсетіп, шығу." in help_text
    assert help_text.startswith("Қолданылуы: glossary show")
    english = glossary_command("lookp", LANGUAGE="en:ru")
    assert "Error: No such command 'lookp'." in english.stderr


def test_the_installed_command_in_kazakh(mini_store: Path) -> None:
    """The console script as a user runs it, in a Kazakh locale."""
    env = {**os.environ, "LANGUAGE": "kk", "LANG": "kk_KZ.UTF-8"}
    proc = subprocess.run([sys.executable, "-m", "glossary", "--store", str(mini_store),
                           "lookup", "Майдана"], capture_output=True, text=True, env=env)
    assert proc.returncode == 1
    assert proc.stderr == "glossary: 'Майдана' сұрауы бойынша ештеңе табылмады\n"


def test_a_thread_or_task_may_use_another_language() -> None:
    i18n.set_language("kk")
    with i18n.using("en"):
        assert i18n._("must not be empty") == "must not be empty"
    assert i18n._("must not be empty") == "бос болмауы керек"


def test_the_text_commands_say_a_file_is_unreadable_in_the_users_language(
        tmp_path: Path, mini_store: Path) -> None:
    """annotate, check and extract read their files themselves: their errors were English
    whatever the language (the importers said the same thing translated)."""
    missing = tmp_path / "nosuch.txt"
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Союз\n".encode("cp1251"))
    for command in (("annotate", missing), ("check", missing, missing),
                    ("extract", missing)):
        kk = run("--store", mini_store, *command, env={"LANGUAGE": "kk"})
        assert kk.exit_code == 2
        assert kk.stderr.startswith(f"glossary: {missing}: оқу мүмкін емес: "), kk.stderr
    ru = run("--store", mini_store, "check", latin1, latin1, env={"LANGUAGE": "ru"})
    assert (ru.exit_code, ru.stderr) == (2, f"glossary: {latin1}:1: не текст UTF-8\n")
    po = tmp_path / "bad.po"
    po.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   b'msgid "a"\nmsgstr "\xff"\n')
    kk = run("--store", mini_store, "import", po, env={"LANGUAGE": "kk"})
    assert kk.exit_code == 2 and "жарамсыз UTF-8 мәтіні" in kk.stderr, kk.stderr
    missing_po = tmp_path / "nosuch.po"
    kk = run("--store", mini_store, "check", missing_po, env={"LANGUAGE": "kk"})
    assert kk.exit_code == 2 and "оқу мүмкін емес" in kk.stderr, kk.stderr


def test_extract_names_an_unknown_language_in_the_users_language(mini_store: Path) -> None:
    with Glossary.open(mini_store) as g, i18n.using("ru"), \
            pytest.raises(InputError, match="неизвестный код языка 'de'"):
        g.extract(["Союз"], lang="de")


def test_an_annotated_texts_glossary_in_the_users_language(tmp_path: Path,
                                                           mini_store: Path) -> None:
    """The text's glossary after the marked text (and the HTML page's) was English in every
    language: its heading, the forms seen, a deprecated term's replacement."""
    article = tmp_path / "a.txt"
    article.write_text("Бюджет ЕАЭС и ЕврАзЭС.\n", encoding="utf-8")
    ru = run("--store", mini_store, "annotate", article, env={"LANGUAGE": "ru"})
    assert ru.exit_code == 0, ru.stderr
    assert "── Глоссарий этого текста (ru): 1 понятие ──\n" in ru.stdout
    assert "    в тексте: ЕАЭС, ЕврАзЭС\n" in ru.stdout
    assert "    нерекомендуемый: «ЕврАзЭС» → используйте «ЕАЭС»\n" in ru.stdout
    page = run("--store", mini_store, "annotate", article, "--format", "html",
               env={"LANGUAGE": "kk"})
    assert "<h2>Осы мәтіннің глоссарийі</h2>" in page.stdout
    assert "<dd>мәтінде: ЕАЭС, ЕврАзЭС</dd>" in page.stdout
    en = run("--store", mini_store, "annotate", article)
    assert "── Glossary of this text (ru): 1 concept ──\n" in en.stdout
    assert "    deprecated: «ЕврАзЭС» → use «ЕАЭС»\n" in en.stdout


def test_harvest_and_import_errors_in_the_users_language(tmp_path: Path,
                                                        mini_store: Path) -> None:
    """A new source without a title, a source given other fields, a file of no known
    format, a text holding NUL bytes: these were English whatever the language."""
    article = tmp_path / "a.txt"
    article.write_text("The CIS summit in Dushanbe was short and ended quietly.\n",
                       encoding="utf-8")
    new = run("--store", mini_store, "contexts", "harvest", article, "--source", "brand-new",
              env={"LANGUAGE": "ru"})
    assert new.exit_code == 2
    assert "источник 'brand-new' новый: укажите хотя бы --title" in new.stderr, new.stderr
    clash = run("--store", mini_store, "contexts", "harvest", article, "--source", "src-one",
                "--title", "Other", env={"LANGUAGE": "kk"})
    assert clash.exit_code == 2
    assert "'src-one' дереккөзі бар, оның title мәні басқа ('First article')" in clash.stderr
    memory = tmp_path / "memory.tmx"
    memory.write_text("<tmx/>", encoding="utf-8")
    unknown = run("--store", mini_store, "import", memory, env={"LANGUAGE": "kk"})
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith(f"glossary: {memory}: пішімін анықтау мүмкін емес: ")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"CIS\x00\n")
    nul = run("--store", mini_store, "check", binary, binary, env={"LANGUAGE": "ru"})
    assert (nul.exit_code, nul.stderr) == (
        2, f"glossary: {binary}: не текстовый файл (в нём есть байты NUL)\n")


def test_history_stats_and_extract_name_their_values_in_the_users_language(
        tmp_path: Path, mini_store: Path) -> None:
    """The human output named a revision's action, a status and a candidate's kind by their
    codes (import, preferred, name) in every language; ``--json`` keeps the codes."""
    kk = run("--store", mini_store, "history", "eeu", env={"LANGUAGE": "kk"})
    assert kk.exit_code == 0 and "  импортталды " in kk.stdout and " import " not in kk.stdout
    ru = run("--store", mini_store, "stats", env={"LANGUAGE": "ru"})
    assert "  ru: предпочтительный " in ru.stdout and "preferred" not in ru.stdout
    assert '"preferred"' in run("--store", mini_store, "stats", "--json").stdout
    article = tmp_path / "a.txt"
    article.write_text("Trade in Central Asia grew. Central Asia is big.\n", encoding="utf-8")
    extracted = run("--store", mini_store, "extract", article, env={"LANGUAGE": "ru"})
    assert extracted.exit_code == 0, extracted.stderr
    assert "  имя      Central Asia" in extracted.stdout
    en = run("--store", mini_store, "extract", article)
    assert "  name     Central Asia" in en.stdout


def test_serve_and_token_speak_the_users_language(tmp_path: Path, mini_store: Path) -> None:
    """The HTTP server's command line (a bad --cors-origin, a token file that names no
    token, an author name that cannot be one, the token just added) was English in every
    language."""
    tokens = tmp_path / "tokens.txt"
    added = run("token", "alice", "--token-file", tokens, env={"LANGUAGE": "kk"})
    assert added.exit_code == 0
    assert added.stderr == (f"glossary: alice үшін токен {tokens} файлына қосылды; сервер оны "
                            "іске қосылғанда оқиды\n")
    colon = run("token", "a:b", "--token-file", tokens, env={"LANGUAGE": "ru"})
    assert colon.exit_code == 2 and "в имени автора 'a:b' есть двоеточие" in colon.stderr
    origin = run("--store", mini_store, "serve", "--cors-origin", "cms.example.org",
                 env={"LANGUAGE": "ru"})
    assert origin.exit_code == 2
    assert ("--cors-origin 'cms.example.org': источник (origin) записывается как "
            "scheme://host[:port]") in origin.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("# no token yet\n", encoding="utf-8")
    none = run("--store", mini_store, "serve", "--token-file", empty, env={"LANGUAGE": "kk"})
    assert none.exit_code == 2 and "токендер файлында бірде-бір токен жоқ" in none.stderr
