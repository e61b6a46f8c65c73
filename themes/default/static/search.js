// Search for the default theme. Reads the index jianbao writes under
// search/index/ (format 1): meta.json, shards of postings (s/N.bin) and one
// file per article (d/N.json). Nothing is sent anywhere but this site.
//
// A query is cut as the index was: runs of Han characters into pairs of
// adjacent characters, Latin words and numbers into lower-case words. An
// article matches when it holds every pair of every run and a word beginning
// with every word typed; runs of three characters or more are then checked
// whole against the article's text, since pairs alone could come from
// different places.
(function () {
  "use strict";

  var FORMAT = 1;
  var PAGE = 10;
  var MAX_WORD = 32;
  var TITLE = 64;
  var ABOUT = 32;

  var form = document.querySelector(".search-form");
  if (!form || !window.fetch || !window.TextEncoder) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var base = form.getAttribute("data-index");

  // What jianbao's search.rs counts as characters written in runs, and as
  // word characters; the two must agree for a query to find what was indexed.
  function isIdeograph(n) {
    return (n >= 0x4e00 && n <= 0x9fff) || (n >= 0x3400 && n <= 0x4dbf) ||
      (n >= 0x20000 && n <= 0x2ebef) || (n >= 0x30000 && n <= 0x323af) ||
      (n >= 0xf900 && n <= 0xfaff) || n === 0x3007 ||
      (n >= 0x3041 && n <= 0x3096) || (n >= 0x30a1 && n <= 0x30fa) || n === 0x30fc;
  }
  var wordChar = /^[\p{Alphabetic}\p{N}]$/u;

  function normalize(c) {
    var n = c.codePointAt(0);
    return n >= 0xff01 && n <= 0xff5e ? String.fromCodePoint(n - 0xfee0) : c;
  }

  // The query's terms: {han: "卢连明"} for a run of two Han characters or
  // more, {word: "g60"} for a word of two characters or more. `short` tells
  // that something was typed but too short to search for.
  function parse(query) {
    var terms = [];
    var short = false;
    var run = [];
    var word = [];
    function endRun() {
      if (run.length >= 2) terms.push({ han: run.join("") });
      else if (run.length === 1) short = true;
      run = [];
    }
    function endWord() {
      if (word.length >= 2) terms.push({ word: word.slice(0, MAX_WORD).join("").toLowerCase() });
      else if (word.length === 1) short = true;
      word = [];
    }
    Array.from(query).forEach(function (raw) {
      var c = normalize(raw);
      if (isIdeograph(c.codePointAt(0))) {
        endWord();
        run.push(c);
      } else if (wordChar.test(c)) {
        endRun();
        word.push(c);
      } else {
        endRun();
        endWord();
      }
    });
    endRun();
    endWord();
    var seen = {};
    terms = terms.filter(function (t) {
      var key = t.han ? "h" + t.han : "w" + t.word;
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
    return { terms: terms, short: short };
  }

  function pairs(run) {
    var chars = Array.from(run);
    var out = [];
    for (var i = 1; i < chars.length; i++) out.push(chars[i - 1] + chars[i]);
    return out;
  }

  // FNV-1a of the UTF-8 of the token's first two characters, as search.rs.
  var encoder = new TextEncoder();
  function shardOf(token, shards) {
    var bytes = encoder.encode(Array.from(token).slice(0, 2).join(""));
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h & (shards - 1);
  }

  function fail(response) {
    if (!response.ok) throw new Error(response.status + " " + response.url);
    return response;
  }

  var meta = null;
  function loadMeta() {
    if (!meta) {
      meta = fetch(base + "meta.json", { cache: "no-cache" })
        .then(fail)
        .then(function (r) { return r.json(); })
        .then(function (m) {
          if (m.format !== FORMAT) throw new Error("index format " + m.format);
          return m;
        });
      meta.catch(function () { meta = null; });
    }
    return meta;
  }

  var shards = new Map();
  function loadShard(m, n) {
    if (!shards.has(n)) {
      var p = fetch(base + "s/" + n + ".bin?v=" + m.key)
        .then(fail)
        .then(function (r) { return r.arrayBuffer(); })
        .then(function (buffer) { return decodeShard(new Uint8Array(buffer)); });
      p.catch(function () { shards.delete(n); });
      shards.set(n, p);
    }
    return shards.get(n);
  }

  // token → {docs: [numbers], weights: [bytes]}; see search.rs's encode_shard.
  var decoder = new TextDecoder();
  function decodeShard(bytes) {
    var at = 0;
    function varint() {
      var n = 0;
      var scale = 1;
      for (;;) {
        if (at >= bytes.length) throw new Error("shard ends early");
        var b = bytes[at++];
        n += (b & 0x7f) * scale;
        if (b < 0x80) return n;
        scale *= 128;
      }
    }
    if (decoder.decode(bytes.subarray(0, 4)) !== "JBS1") throw new Error("not a shard");
    at = 4;
    var count = varint();
    var map = new Map();
    for (var i = 0; i < count; i++) {
      var len = varint();
      var token = decoder.decode(bytes.subarray(at, at + len));
      at += len;
      var n = varint();
      var docs = new Uint32Array(n);
      var weights = new Uint8Array(n);
      var doc = 0;
      for (var j = 0; j < n; j++) {
        doc += varint();
        docs[j] = doc;
        weights[j] = bytes[at++];
      }
      map.set(token, { docs: docs, weights: weights });
    }
    return map;
  }

  function score(weight) {
    return (weight & TITLE ? 8 : 0) + (weight & ABOUT ? 4 : 0) + Math.log2(1 + (weight & 31));
  }

  // doc number → score, for the documents holding every pair of a run.
  function hanHits(m, run) {
    var ps = pairs(run);
    return Promise.all(ps.map(function (p) {
      return loadShard(m, shardOf(p, m.shards)).then(function (shard) { return shard.get(p); });
    })).then(function (lists) {
      var hits = null;
      lists.forEach(function (postings) {
        var next = new Map();
        if (postings) {
          for (var i = 0; i < postings.docs.length; i++) {
            var d = postings.docs[i];
            if (hits === null || hits.has(d)) next.set(d, (hits ? hits.get(d) : 0) + score(postings.weights[i]));
          }
        }
        hits = next;
      });
      return hits || new Map();
    });
  }

  // doc number → score, for the documents holding a word that begins with `word`.
  function wordHits(m, word) {
    return loadShard(m, shardOf(word, m.shards)).then(function (shard) {
      var hits = new Map();
      shard.forEach(function (postings, token) {
        if (token.lastIndexOf(word, 0) !== 0) return;
        var exact = token === word ? 1 : 0;
        for (var i = 0; i < postings.docs.length; i++) {
          var d = postings.docs[i];
          var s = score(postings.weights[i]) + exact;
          if (!hits.has(d) || hits.get(d) < s) hits.set(d, s);
        }
      });
      return hits;
    });
  }

  // Every document matching all terms, best first; newer first among equals.
  function find(terms) {
    return loadMeta().then(function (m) {
      return Promise.all(terms.map(function (t) {
        return t.han ? hanHits(m, t.han) : wordHits(m, t.word);
      })).then(function (all) {
        var hits = all.reduce(function (acc, h) {
          var next = new Map();
          acc.forEach(function (s, d) { if (h.has(d)) next.set(d, s + h.get(d)); });
          return next;
        });
        var ranked = Array.from(hits.keys());
        ranked.sort(function (a, b) { return hits.get(b) - hits.get(a) || a - b; });
        return { meta: m, ranked: ranked };
      });
    });
  }

  var docs = new Map();
  function loadDoc(m, n) {
    var key = m.key + "/" + n;
    if (!docs.has(key)) {
      var p = fetch(base + "d/" + n + ".json?v=" + m.key).then(fail).then(function (r) { return r.json(); });
      p.catch(function () { docs.delete(key); });
      docs.set(key, p);
    }
    return docs.get(key);
  }

  function haystack(doc) {
    return [doc.title, doc.subtitle, doc.about, doc.text].join("\n").toLowerCase();
  }

  // Whether the document holds every term whole, not only its pairs.
  function holdsAll(doc, terms) {
    var text = haystack(doc);
    return terms.every(function (t) { return text.indexOf(t.han || t.word) >= 0; });
  }

  function needles(terms) {
    return terms.map(function (t) { return t.han || t.word; });
  }

  // Appends `text` to `el` with every needle marked.
  function appendMarked(el, text, found) {
    var lower = text.toLowerCase();
    var at = 0;
    while (at < text.length) {
      var best = -1;
      var len = 0;
      found.forEach(function (n) {
        var i = lower.indexOf(n, at);
        if (i >= 0 && (best < 0 || i < best || (i === best && n.length > len))) {
          best = i;
          len = n.length;
        }
      });
      if (best < 0) break;
      if (best > at) el.appendChild(document.createTextNode(text.slice(at, best)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(best, best + len);
      el.appendChild(mark);
      at = best + len;
    }
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
  }

  // About 100 characters of the text around the first match.
  function excerpt(text, found) {
    var flat = text.replace(/\s+/g, " ").trim();
    var lower = flat.toLowerCase();
    var first = -1;
    found.forEach(function (n) {
      var i = lower.indexOf(n);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    var chars = Array.from(flat);
    var start = 0;
    if (first > 0) start = Math.max(0, Array.from(flat.slice(0, first)).length - 30);
    var end = Math.min(chars.length, start + 100);
    return (start > 0 ? "…" : "") + chars.slice(start, end).join("") + (end < chars.length ? "…" : "");
  }

  function resultItem(doc, found) {
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    h.className = "search-result-title";
    var a = document.createElement("a");
    a.href = doc.url;
    appendMarked(a, doc.title, found);
    h.appendChild(a);
    li.appendChild(h);
    // Date and district, then whichever towns, tags or names matched: a result
    // found by its byline says so.
    var meta = document.createElement("p");
    meta.className = "meta";
    var matched = (doc.about || "").split("\n").filter(function (line, i, all) {
      var lower = line.toLowerCase();
      return line !== doc.district && all.indexOf(line) === i &&
        found.some(function (n) { return lower.indexOf(n) >= 0; });
    });
    appendMarked(meta, [doc.date, doc.district].concat(matched).filter(Boolean).join(" · "), found);
    li.appendChild(meta);
    var p = document.createElement("p");
    p.className = "search-excerpt";
    appendMarked(p, excerpt(doc.text || doc.subtitle || "", found), found);
    li.appendChild(p);
    return li;
  }

  var generation = 0;
  var current = null;

  function say(text) {
    status.textContent = text;
  }

  function run(query) {
    var gen = ++generation;
    var parsed = parse(query);
    list.textContent = "";
    more.hidden = true;
    current = null;
    if (!parsed.terms.length) {
      say(parsed.short ? "请至少输入两个汉字，或两个字母、数字。" : "");
      return;
    }
    say("正在搜索……");
    find(parsed.terms).then(function (found) {
      if (gen !== generation) return;
      current = { gen: gen, query: query.trim(), terms: parsed.terms, meta: found.meta, ranked: found.ranked, next: 0, dropped: 0, shown: 0 };
      if (!found.ranked.length) {
        say("没有找到包含“" + query.trim() + "”的文章。");
        return;
      }
      showMore();
    }).catch(function () {
      if (gen === generation) say("搜索索引没能载入，请稍后再试。");
    });
  }

  // Shows the next page of results, skipping documents that hold every pair
  // of a run but not the run itself.
  function showMore() {
    var c = current;
    if (!c) return;
    more.hidden = true;
    var batch = c.ranked.slice(c.next, c.next + PAGE);
    c.next += batch.length;
    Promise.all(batch.map(function (n) { return loadDoc(c.meta, n); })).then(function (loaded) {
      if (c.gen !== generation) return;
      var found = needles(c.terms);
      loaded.forEach(function (doc) {
        if (holdsAll(doc, c.terms)) {
          list.appendChild(resultItem(doc, found));
          c.shown++;
        } else {
          c.dropped++;
        }
      });
      var total = c.ranked.length - c.dropped;
      if (c.shown === 0 && c.next < c.ranked.length) {
        showMore();
        return;
      }
      say(total > 0 ? "“" + c.query + "”：找到 " + total + " 篇文章" + (c.shown < total ? "，显示前 " + c.shown + " 篇。" : "。")
        : "没有找到包含“" + c.query + "”的文章。");
      more.hidden = c.next >= c.ranked.length;
    }).catch(function () {
      if (c.gen === generation) say("搜索结果没能载入，请稍后再试。");
    });
  }

  var timer = 0;
  function remember(query) {
    var url = query ? "?q=" + encodeURIComponent(query) : location.pathname;
    history.replaceState(null, "", url);
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      remember(input.value.trim());
      run(input.value);
    }, 120);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    remember(input.value.trim());
    run(input.value);
  });
  more.addEventListener("click", showMore);

  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
