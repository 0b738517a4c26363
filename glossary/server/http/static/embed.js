/* Sozdik glossary widget: marks the glossary's terms in a page's article and
 * explains them on hover or keyboard focus.
 *
 *   <script src="http://HOST:8765/embed.js" data-lang="ru" defer></script>
 *
 * data-lang      the reader's language for definitions: en, ru or kk
 *                (default: the page's <html lang>, else English)
 * data-selector  where the articles are (default: every "article", else "main"); each
 *                is annotated apart, in its own language
 * data-text-lang the article's language, if detection should not decide
 *
 * The text is sent to the server's /api/v1/annotate (a page on another origin
 * needs `glossary serve --cors-origin ORIGIN`). The page's text is not changed:
 * each term is wrapped in a <mark> that is focusable and described by a tooltip
 * (aria-describedby); Escape closes the tooltip, Enter opens the concept page.
 * No dependencies; nothing global but window.sozdik: {ready, a promise of the number of
 * terms marked; mark(element), for content a page adds later (a single-page app's next
 * article), which marks it as an article and returns the same kind of promise}.
 */
(function () {
  "use strict";

  // a module script has no currentScript: the page's <script> that loads embed.js
  var script = document.currentScript ||
    document.querySelector("script[src$='/embed.js'], script[src*='/embed.js?']");
  if (!script || window.sozdik) return;  // a page that includes the widget twice: once
  var BASE = (script.getAttribute("data-api") ||
              script.src.replace(/\/embed\.js(?:[?#].*)?$/, "")).replace(/\/$/, "");
  var LANGS = ["en", "ru", "kk"];
  var SKIP = "script,style,noscript,textarea,select,option,template,code,pre,svg,math," +
             "mark.sozdik-term,[data-sozdik-skip],[contenteditable]";
  var UI = {
    en: {more: "Open the concept", deprecated: "Deprecated term", forbidden: "Forbidden term",
         ambiguous: "Ambiguous; it may also be:", loading: "Loading…", use: "Use:",
         unsure: "This may not be the term here.",
         lookalike: "Written with look-alike letters of another script; meant:"},
    ru: {more: "Открыть понятие", deprecated: "Нерекомендуемый термин",
         forbidden: "Запрещённый термин", ambiguous: "Неоднозначно; возможно также:",
         loading: "Загрузка…", use: "Лучше:", unsure: "Возможно, здесь это не термин.",
         lookalike: "Написано похожими буквами другого алфавита; правильно:"},
    kk: {more: "Ұғымды ашу", deprecated: "Ұсынылмайтын термин",
         forbidden: "Тыйым салынған термин", ambiguous: "Екіұшты; мүмкін:",
         loading: "Жүктелуде…", use: "Дұрысы:", unsure: "Мұнда бұл термин болмауы мүмкін.",
         lookalike: "Басқа әліпбидің ұқсас әріптерімен жазылған; дұрысы:"}
  };

  function readerLang() {
    var wanted = [script.getAttribute("data-lang"), document.documentElement.lang];
    for (var i = 0; i < wanted.length; i++) {
      var code = (wanted[i] || "").toLowerCase().split("-")[0];
      if (LANGS.indexOf(code) >= 0) return code;
    }
    return "en";
  }

  var lang = readerLang();
  var ui = UI[lang];
  var concepts = {};   // id -> {preferred, data (the concept JSON, once loaded), tip}
  var shown = null;    // {mark, tip} of the open tooltip
  var hideTimer = null;

  // -- collecting the article's text ------------------------------------------------
  function blockOf(node) {
    for (var el = node.parentElement; el; el = el.parentElement) {
      var display = window.getComputedStyle(el).display;
      if (display && display.indexOf("inline") !== 0) return el;
    }
    return null;
  }

  /* The root's text nodes, joined; a line break stands between two blocks, and where
   * a <br> is, so that words of different paragraphs or lines never run together
   * ("ЕАЭС<br>ОДКБ" is two terms, not "ЕАЭСОДКБ"). Offsets are UTF-16. */
  function collect(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
      acceptNode: function (node) {
        if (node.nodeType === Node.ELEMENT_NODE) {  // skipped whole, or looked into
          if (node.matches(SKIP)) return NodeFilter.FILTER_REJECT;
          return node.tagName === "BR" ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
        }
        if (!node.nodeValue || !node.parentElement) return NodeFilter.FILTER_REJECT;
        return node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT
                                                : NodeFilter.FILTER_ACCEPT;
      }
    });
    var parts = [], segments = [], length = 0, lastBlock = null, lineBreak = false, node;
    while ((node = walker.nextNode())) {
      if (node.nodeType === Node.ELEMENT_NODE) { lineBreak = true; continue; }  // a <br>
      var block = blockOf(node);
      if (segments.length && (block !== lastBlock || lineBreak)) {
        parts.push("\n");
        length += 1;
      }
      lineBreak = false;
      segments.push({node: node, start: length, end: length + node.nodeValue.length});
      parts.push(node.nodeValue);
      length += node.nodeValue.length;
      lastBlock = block;
    }
    return {text: parts.join(""), segments: segments};
  }

  /* Code-point offsets (the API's) to UTF-16 offsets (JavaScript's), for offsets in
   * ascending order: one pass over the text, a surrogate pair counting as one. */
  function utf16Offsets(text, codePoints) {
    var out = [], u16 = 0, cp = 0;
    for (var i = 0; i < codePoints.length; i++) {
      while (cp < codePoints[i] && u16 < text.length) {
        var c = text.charCodeAt(u16);
        u16 += (c >= 0xD800 && c <= 0xDBFF && u16 + 1 < text.length &&
                (text.charCodeAt(u16 + 1) & 0xFC00) === 0xDC00) ? 2 : 1;
        cp += 1;
      }
      out.push(u16);
    }
    return out;
  }

  // -- marking -----------------------------------------------------------------------
  function pieces(segments, start, end) {
    var out = [];
    for (var i = 0; i < segments.length; i++) {
      var s = segments[i];
      if (s.end <= start) continue;
      if (s.start >= end) break;
      out.push({node: s.node, from: Math.max(start, s.start) - s.start,
                to: Math.min(end, s.end) - s.start});
    }
    return out;
  }

  function wrap(piece, span, index, first) {
    var node = piece.node;
    if (piece.to < node.nodeValue.length) node.splitText(piece.to);
    var target = piece.from > 0 ? node.splitText(piece.from) : node;
    var mark = document.createElement("mark");
    mark.className = "sozdik-term sozdik-" + span.status + (span.ambiguous ? " sozdik-ambiguous" : "");
    mark.setAttribute("data-concept", span.concept);
    mark.setAttribute("data-span", String(index));
    mark.setAttribute("data-status", span.status);
    if (span.meant) {  // a typo of look-alike letters: say how it is spelled
      mark.classList.add("sozdik-lookalike");
      mark.setAttribute("data-meant", span.meant);
    }
    mark.setAttribute("aria-describedby", tipId(span.concept));
    if (first) {
      mark.tabIndex = 0;
      mark.setAttribute("role", "term");
    }
    target.parentNode.insertBefore(mark, target);
    mark.appendChild(target);
    listen(mark, span);
  }

  function markAll(found, result) {
    var spans = result.spans;
    var bounds = [];
    spans.forEach(function (s) { bounds.push(s.start, s.end); });
    var u16 = utf16Offsets(found.text, bounds);
    // from the last span back: splitting a text node keeps the offsets before it valid
    for (var i = spans.length - 1; i >= 0; i--) {
      var span = spans[i];
      var parts = pieces(found.segments, u16[2 * i], u16[2 * i + 1]);
      for (var j = parts.length - 1; j >= 0; j--) wrap(parts[j], span, i, j === 0);
      if (!concepts[span.concept]) {
        concepts[span.concept] = {preferred: span.preferred, data: null, tip: null};
      }
    }
    // every tooltip exists (hidden) before a mark is focused: aria-describedby needs it
    result.concepts.forEach(ensureTip);
  }

  // -- tooltips ----------------------------------------------------------------------
  function tipId(concept) { return "sozdik-tip-" + concept; }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var key in attrs) if (attrs[key] != null) node.setAttribute(key, attrs[key]);
    if (text != null) node.textContent = text;
    return node;
  }

  function definitionOf(data) {
    var order = [lang].concat(LANGS.filter(function (l) { return l !== lang; }));
    for (var i = 0; data && i < order.length; i++) {
      var section = data.langs[order[i]];
      if (section && section.definition) return {lang: order[i], text: section.definition};
    }
    return null;
  }

  function fill(id) {
    var c = concepts[id];
    var tip = c.tip;
    tip.textContent = "";
    var head = el("div", {"class": "sozdik-head", lang: lang},
                  c.preferred[lang] || c.preferred.en || id);
    tip.appendChild(head);
    var def = definitionOf(c.data);
    tip.appendChild(def ? el("p", {"class": "sozdik-def", lang: def.lang}, def.text)
                        : el("p", {"class": "sozdik-def"}, c.data ? "" : ui.loading));
    var list = el("dl", {"class": "sozdik-terms"});
    LANGS.forEach(function (l) {
      if (!c.preferred[l]) return;
      list.appendChild(el("dt", null, l.toUpperCase()));
      list.appendChild(el("dd", {lang: l}, c.preferred[l]));
    });
    tip.appendChild(list);
    var note = el("p", {"class": "sozdik-note"});
    tip.appendChild(note);
    tip.appendChild(el("a", {href: BASE + "/concept/" + encodeURIComponent(id) + "?lang=" + lang,
                             target: "_blank", rel: "noopener", tabindex: "-1"}, ui.more));
  }

  function ensureTip(id) {
    var c = concepts[id];
    if (!c.tip) {
      c.tip = el("div", {id: tipId(id), role: "tooltip", "class": "sozdik-tip", hidden: ""});
      c.tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      c.tip.addEventListener("mouseleave", function () { hideSoon(); });
      document.body.appendChild(c.tip);
      fill(id);
    }
    return c.tip;
  }

  function labelOf(id) {
    var c = concepts[id];
    return (c && (c.preferred[lang] || c.preferred.en)) || id;
  }

  /* What this occurrence needs said: each span its own (one occurrence of a term may be
   * ambiguous, the next not), the ambiguity in the glossary's words (its reason). */
  function noteFor(span) {
    var parts = [];
    if (span.status === "deprecated" || span.status === "forbidden") {
      parts.push(ui[span.status] + ". " + ui.use + " " + labelOf(span.concept));
    }
    if (span.meant) parts.push(ui.lookalike + " " + span.meant);
    if (span.ambiguous) {
      var others = (span.candidates || []).filter(function (id) { return id !== span.concept; });
      if (others.length) parts.push(ui.ambiguous + " " + others.map(labelOf).join(", "));
      parts.push(span.reason || (others.length ? "" : ui.unsure));
    }
    return parts.filter(Boolean).join(" ");
  }

  function show(mark, span) {
    clearTimeout(hideTimer);
    var id = mark.getAttribute("data-concept");
    var tip = ensureTip(id);
    if (shown && shown.tip !== tip) hide();
    tip.querySelector(".sozdik-note").textContent = noteFor(span);
    tip.hidden = false;
    var rect = mark.getBoundingClientRect();
    var width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (rect.bottom + window.scrollY + 6) + "px";
    shown = {mark: mark, tip: tip};
  }

  function hide() {
    clearTimeout(hideTimer);
    if (shown) shown.tip.hidden = true;
    shown = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 200);
  }

  function listen(mark, span) {
    mark.addEventListener("mouseenter", function () { show(mark, span); });
    mark.addEventListener("mouseleave", hideSoon);
    mark.addEventListener("focus", function () { show(mark, span); });
    mark.addEventListener("blur", hideSoon);
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        window.open(BASE + "/concept/" + encodeURIComponent(span.concept) + "?lang=" + lang, "_blank", "noopener");
      }
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shown) hide();
  });

  // -- talking to the server ---------------------------------------------------------
  function load(ids) {  // each concept once, whichever article asked for it first
    var queue = ids.filter(function (id) { return !concepts[id].requested; });
    queue.forEach(function (id) { concepts[id].requested = true; });
    function next() {
      var id = queue.shift();
      if (!id) return Promise.resolve();
      return fetch(BASE + "/api/v1/concepts/" + encodeURIComponent(id))
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          concepts[id].data = data;
          if (concepts[id].tip) {
            var note = concepts[id].tip.querySelector(".sozdik-note").textContent;
            fill(id);
            concepts[id].tip.querySelector(".sozdik-note").textContent = note;
          }
        }, function () {})
        .then(next);
    }
    var workers = [];
    for (var i = 0; i < 4; i++) workers.push(next());
    return Promise.all(workers);
  }

  function style() {
    if (document.getElementById("sozdik-style")) return;
    var css = el("style", {id: "sozdik-style"});
    css.textContent =
      "mark.sozdik-term{background:rgba(255,200,0,.22);color:inherit;border-bottom:1px dotted" +
      " currentColor;cursor:help;padding:0}" +
      "mark.sozdik-deprecated,mark.sozdik-forbidden{background:rgba(220,40,40,.16)}" +
      "mark.sozdik-lookalike{border-bottom:2px wavy #c01c28}" +
      "mark.sozdik-term:focus-visible{outline:2px solid #1a5fb4;outline-offset:1px}" +
      ".sozdik-tip{position:absolute;z-index:2147483000;max-width:22rem;padding:.6rem .8rem;" +
      "background:#fff;color:#1d1d1f;border:1px solid #bbb;border-radius:6px;" +
      "box-shadow:0 4px 16px rgba(0,0,0,.18);font:14px/1.4 system-ui,sans-serif;text-align:left}" +
      ".sozdik-tip[hidden]{display:none}.sozdik-head{font-weight:600;margin-bottom:.3rem}" +
      ".sozdik-def{margin:0 0 .4rem}.sozdik-terms{display:grid;grid-template-columns:auto 1fr;" +
      "gap:.1rem .5rem;margin:0 0 .4rem}.sozdik-terms dt{color:#666;font-size:.8em;" +
      "padding-top:.15em}.sozdik-terms dd{margin:0}.sozdik-note{margin:0 0 .3rem;color:#8a1c1c}" +
      ".sozdik-note:empty{display:none}.sozdik-tip a{color:#1a5fb4}";
    document.head.appendChild(css);
  }

  /* What went wrong, said so that whoever set the page up can mend it: a browser tells a
   * script only "Failed to fetch" when the server did not name the page's origin. */
  function explain(error) {
    var origin = window.location.origin;
    if (error instanceof TypeError && new URL(BASE, window.location.href).origin !== origin) {
      return "the server " + BASE + " did not answer this page (" + error.message + "); " +
             "if it is running, start it with: glossary serve --cors-origin " + origin;
    }
    return error.message;
  }

  /* The elements to mark: every match of data-selector, or every <article> (a front
   * page's teasers, a live blog's posts), else <main>; one inside another is its part. */
  function roots() {
    var selector = script.getAttribute("data-selector");
    var found = [].slice.call(document.querySelectorAll(selector || "article"));
    if (!selector && !found.length) found = [].slice.call(document.querySelectorAll("main"));
    return found.filter(function (el) {
      return !found.some(function (other) { return other !== el && other.contains(el); });
    });
  }

  function start() {
    return Promise.all(roots().map(startOne)).then(function (counts) {
      return counts.reduce(function (a, b) { return a + b; }, 0);
    });
  }

  /* One article: its text annotated (its language detected, unless data-text-lang says),
   * its terms marked, their concepts loaded. */
  function startOne(root) {
    root.setAttribute("data-sozdik", "pending");
    var found = collect(root);
    var body = {text: found.text};
    var textLang = script.getAttribute("data-text-lang");
    if (textLang) body.lang = textLang;
    return fetch(BASE + "/api/v1/annotate", {
      method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) throw new Error("annotate answered " + r.status);
      return r.json();
    }).then(function (result) {
      style();
      markAll(found, result);
      root.setAttribute("data-sozdik", "marked");
      return load(result.concepts).then(function () {
        root.setAttribute("data-sozdik", "ready");
        root.dispatchEvent(new CustomEvent("sozdik:ready", {bubbles: true}));
        return result.spans.length;
      });
    }).catch(function (error) {
      root.setAttribute("data-sozdik", "failed");
      if (window.console) console.warn("sozdik: " + explain(error));
      return 0;
    });
  }

  var ready = document.readyState === "loading"
    ? new Promise(function (resolve) {
        document.addEventListener("DOMContentLoaded", function () { resolve(start()); });
      })
    : start();
  window.sozdik = {ready: ready, lang: lang, mark: function (element) {
    // an element marked already (or being marked) is not marked twice
    return element.hasAttribute("data-sozdik") ? Promise.resolve(0) : startOne(element);
  }};
})();
