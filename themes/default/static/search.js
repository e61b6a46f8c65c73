// Search for the default theme. Reads the index jianbao writes under
// search/index/ (format 2, see src/search.rs): meta.json, postings of pairs
// and words (s/N.bin), positions of pairs (p/N.bin), postings of single
// characters (c/N.bin), traditional-to-simplified folds (f/N.txt) and one file
// per article (d/N.json). Nothing is sent anywhere but this site.
//
// A query is folded and cut as the index was (NFKC, lower case, traditional
// to simplified; units of Han characters and Latin words, in terms that a
// space or a sentence mark separates). An article matches when, for every
// term, it holds: the character, for one Han character; a word beginning with
// it, for one word; the pair, for two units; every pair, at positions in a
// row, for three units or more. The count shown is the number of articles
// that match, known before any article is fetched.
(function () {
  "use strict";

  var FORMAT = 2;
  var PAGE = 10;
  var MAX_WORD = 32;
  var TITLE = 64;
  var ABOUT = 32;

  var form = document.querySelector(".search-form");
  if (!form || !window.fetch || !window.TextEncoder || !String.prototype.normalize) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var base = form.getAttribute("data-index");

  // What search.rs (tokens.rs) counts as characters written in runs, as word
  // characters, as marks that set a phrase off without ending it, and as
  // spaces; the two must agree for a query to find what was indexed.
  function isIdeograph(n) {
    return (n >= 0x4e00 && n <= 0x9fff) || (n >= 0x3400 && n <= 0x4dbf) ||
      (n >= 0x20000 && n <= 0x2ebef) || (n >= 0x30000 && n <= 0x323af) ||
      (n >= 0xf900 && n <= 0xfaff) || n === 0x3007 ||
      (n >= 0x3041 && n <= 0x3096) || (n >= 0x30a1 && n <= 0x30fa) || n === 0x30fc;
  }
  var wordChar = /^[\p{Alphabetic}\p{N}]$/u;
  var JOINERS = "\"'\u201c\u201d\u2018\u2019\u300c\u300d\u300e\u300f\u301d\u301e()[]{}\u3010\u3011\u3014\u3015\u3016\u3017\u300a\u300b\u3008\u3009\u00b7\u30fb\u2027";
  var space = /^\s$/u;
  var lineBreak = /^[\n\r\v\f\u0085\u2028\u2029]$/;

  var CLEAN = 0, SPACED = 1, BROKEN = 2;

  // Folds one character as search.rs's fold.rs does (after NFKC): lower case,
  // and traditional to simplified through `folds`, a Map.
  function foldChar(c, folds) {
    if (isIdeograph(c.codePointAt(0))) return folds.get(c) || c;
    return c.toLowerCase();
  }

  // `text` as folded characters, each with the span of `text` it comes from.
  // `whole`: normalise the text at once (a query) rather than a character at a
  // time (a document, whose matches are marked where they are).
  function folded(text, folds, whole) {
    var out = [];
    if (whole) {
      Array.from(text.normalize("NFKC")).forEach(function (c) {
        Array.from(foldChar(c, folds)).forEach(function (f) { out.push({ c: f, start: 0, end: 0 }); });
      });
      return out;
    }
    var at = 0;
    Array.from(text).forEach(function (raw) {
      var end = at + raw.length;
      Array.from(raw.normalize("NFKC")).forEach(function (c) {
        Array.from(foldChar(c, folds)).forEach(function (f) { out.push({ c: f, start: at, end: end }); });
      });
      at = end;
    });
    return out;
  }

  // Reads folded characters as units: a Han character, or a word of Latin
  // letters and digits (3.5 is one). Calls emit(unit, gap) for each, with
  // what stood between it and the unit before. unit: {han, text, start, ends}.
  function readUnits(chars, emit) {
    var gap = BROKEN;
    var word = null;
    var dot = null;
    function endWord() {
      if (dot) {
        dot = null;
        endWord();
        gap = BROKEN;
        return;
      }
      if (word) {
        var w = word;
        word = null;
        unit(w);
      }
    }
    function unit(u) {
      emit(u, gap);
      gap = CLEAN;
    }
    function pushWord(ch) {
      if (!word) word = { han: false, text: "", count: 0, start: ch.start, ends: [] };
      if (word.count < MAX_WORD) {
        word.text += ch.c;
        word.count++;
        word.ends.push(ch.end);
      }
    }
    chars.forEach(function (ch) {
      var c = ch.c;
      if (dot) {
        var d = dot;
        dot = null;
        if (/^[0-9]$/.test(c)) {
          pushWord(d);
          pushWord(ch);
          return;
        }
        endWord();
        gap = BROKEN;
      }
      if (isIdeograph(c.codePointAt(0))) {
        endWord();
        unit({ han: true, text: c, count: 1, start: ch.start, ends: [ch.end] });
      } else if (wordChar.test(c)) {
        pushWord(ch);
      } else if (c === "." && word && /[0-9]$/.test(word.text)) {
        dot = ch;
      } else {
        endWord();
        if (JOINERS.indexOf(c) >= 0) {
          // Clean stays clean, spaced stays spaced, broken stays broken.
        } else if (space.test(c) && !lineBreak.test(c)) {
          if (gap === CLEAN) gap = SPACED;
        } else {
          gap = BROKEN;
        }
      }
    });
    endWord();
  }

  // Whether two units with `gap` between them make a pair in the index.
  function joins(a, b, gap) {
    if (gap === CLEAN) return a.han || b.han;
    if (gap === SPACED) return a.han !== b.han;
    return false;
  }

  // The query's terms, each a list of units standing in a row: a space or a
  // mark that ends a phrase starts a new term. `short` tells that something was
  // typed but too short to search for (a single letter or digit).
  function parse(query, folds) {
    var terms = [];
    var short = false;
    var term = [];
    function endTerm() {
      if (term.length === 1 && !term[0].han && term[0].count < 2) short = true;
      else if (term.length) terms.push(term);
      term = [];
    }
    readUnits(folded(query, folds, true), function (u, gap) {
      if (!(term.length && gap === CLEAN && joins(term[term.length - 1], u, gap))) endTerm();
      term.push(u);
    });
    endTerm();
    var seen = {};
    terms = terms.filter(function (t) {
      var key = t.map(function (u) { return u.text; }).join("\u0000");
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
    return { terms: terms, short: short };
  }

  function pairs(term) {
    var out = [];
    for (var i = 1; i < term.length; i++) out.push(term[i - 1].text + term[i].text);
    return out;
  }

  // FNV-1a of the UTF-8 of a token: all of it when it holds a Han character,
  // else its first two characters, as search.rs's token_hash.
  var encoder = new TextEncoder();
  function fileOf(token, files) {
    var chars = Array.from(token);
    var whole = chars.some(function (c) { return isIdeograph(c.codePointAt(0)); });
    var bytes = encoder.encode(whole ? token : chars.slice(0, 2).join(""));
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h & (files - 1);
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

  // One file of the index, fetched once per index key and decoded.
  var files = new Map();
  function loadFile(m, path, decode) {
    var key = m.key + "/" + path;
    if (!files.has(key)) {
      var p = fetch(base + path + "?v=" + m.key)
        .then(fail)
        .then(function (r) { return r.arrayBuffer(); })
        .then(function (buffer) { return decode(new Uint8Array(buffer)); });
      p.catch(function () { files.delete(key); });
      files.set(key, p);
    }
    return files.get(key);
  }

  var decoder = new TextDecoder();
  function varints(bytes, at) {
    return {
      at: at,
      next: function () {
        var n = 0;
        var scale = 1;
        for (;;) {
          if (this.at >= bytes.length) throw new Error("file ends early");
          var b = bytes[this.at++];
          n += (b & 0x7f) * scale;
          if (b < 0x80) return n;
          scale *= 128;
        }
      },
    };
  }

  // The entries of an index file: its magic, their number, then per entry a
  // token and what `body` reads from `r`; see search.rs's decode_entries.
  function decodeEntries(bytes, magic, body) {
    if (decoder.decode(bytes.subarray(0, 4)) !== magic) throw new Error("not a " + magic + " file");
    var r = varints(bytes, 4);
    var count = r.next();
    var map = new Map();
    for (var i = 0; i < count; i++) {
      var len = r.next();
      var token = decoder.decode(bytes.subarray(r.at, r.at + len));
      r.at += len;
      map.set(token, body(r));
    }
    return map;
  }

  // token → {docs: [numbers], weights: [bytes]}; see search.rs's encode_shard.
  function decodePostings(bytes) {
    return decodeEntries(bytes, "JBS2", function (r) {
      var n = r.next();
      var docs = new Uint32Array(n);
      var weights = new Uint8Array(n);
      var doc = 0;
      for (var j = 0; j < n; j++) {
        doc += r.next();
        docs[j] = doc;
        weights[j] = bytes[r.at++];
      }
      return { docs: docs, weights: weights };
    });
  }

  // token → its positions' bytes, decoded when asked for; see search.rs's encode_positions.
  function decodePositions(bytes) {
    return decodeEntries(bytes, "JBP2", function (r) {
      var size = r.next();
      var positions = bytes.subarray(r.at, r.at + size);
      r.at += size;
      return positions;
    });
  }

  // The positions of a token in each document of its postings, in their order.
  function positionLists(bytes) {
    var r = varints(bytes, 0);
    var lists = [];
    while (r.at < bytes.length) {
      var n = r.next();
      var list = new Array(n);
      var p = 0;
      for (var i = 0; i < n; i++) {
        p += r.next();
        list[i] = p;
      }
      lists.push(list);
    }
    return lists;
  }

  // The folds the query's characters need: char → simplified.
  function loadFolds(m, query) {
    var wanted = {};
    Array.from(query.normalize("NFKC")).forEach(function (c) {
      var n = c.codePointAt(0);
      if (isIdeograph(n)) wanted[n % m.fold] = true;
    });
    return Promise.all(Object.keys(wanted).map(function (n) {
      return loadFile(m, "f/" + n + ".txt", function (bytes) { return decoder.decode(bytes); });
    })).then(function (texts) {
      var folds = new Map();
      texts.forEach(function (text) {
        var chars = Array.from(text);
        for (var i = 0; i + 1 < chars.length; i += 2) folds.set(chars[i], chars[i + 1]);
      });
      return folds;
    });
  }

  function score(weight) {
    return (weight & TITLE ? 8 : 0) + (weight & ABOUT ? 4 : 0) + Math.log2(1 + (weight & 31));
  }

  function postingsOf(m, token, chars) {
    var path = chars ? "c/" + fileOf(token, m.chars) + ".bin" : "s/" + fileOf(token, m.shards) + ".bin";
    return loadFile(m, path, decodePostings).then(function (file) { return file.get(token); });
  }

  function positionsOf(m, token) {
    return loadFile(m, "p/" + fileOf(token, m.positions) + ".bin", decodePositions).then(function (file) {
      var bytes = file.get(token);
      return bytes ? positionLists(bytes) : [];
    });
  }

  function indexOf(docs, d) {
    var lo = 0, hi = docs.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (docs[mid] === d) return mid;
      if (docs[mid] < d) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  // doc number → score, for the documents holding the term's units in a row.
  function termHits(m, term) {
    if (term.length === 1 && term[0].han) {
      return postingsOf(m, term[0].text, true).then(function (postings) {
        var hits = new Map();
        if (postings) postings.docs.forEach(function (d, i) { hits.set(d, score(postings.weights[i])); });
        return hits;
      });
    }
    if (term.length === 1) return wordHits(m, term[0].text);
    var ps = pairs(term);
    return Promise.all(ps.map(function (p) { return postingsOf(m, p, false); })).then(function (lists) {
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
      if (ps.length < 2 || hits.size === 0) return hits;
      // Three units or more: keep the documents where the pairs stand in a row.
      return Promise.all(ps.map(function (p) { return positionsOf(m, p); })).then(function (positions) {
        var inRow = new Map();
        hits.forEach(function (s, d) {
          var at = lists.map(function (postings, i) { return positions[i][indexOf(postings.docs, d)] || []; });
          var found = at[0].some(function (start) {
            for (var i = 1; i < at.length; i++) if (indexOf(at[i], start + i) < 0) return false;
            return true;
          });
          if (found) inRow.set(d, s);
        });
        return inRow;
      });
    });
  }

  // doc number → score, for the documents holding a word that begins with `word`.
  function wordHits(m, word) {
    return loadFile(m, "s/" + fileOf(word, m.shards) + ".bin", decodePostings).then(function (shard) {
      var hits = new Map();
      shard.forEach(function (postings, token) {
        if (token.lastIndexOf(word, 0) !== 0) return;
        // Pairs of a word and a Han character share the file; they are not words.
        if (Array.from(token).some(function (c) { return isIdeograph(c.codePointAt(0)); })) return;
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
  function find(m, terms) {
    return Promise.all(terms.map(function (t) { return termHits(m, t); })).then(function (all) {
      var hits = all.reduce(function (acc, h) {
        var next = new Map();
        acc.forEach(function (s, d) { if (h.has(d)) next.set(d, s + h.get(d)); });
        return next;
      });
      var ranked = Array.from(hits.keys());
      ranked.sort(function (a, b) { return hits.get(b) - hits.get(a) || a - b; });
      return ranked;
    });
  }

  function loadDoc(m, n) {
    return loadFile(m, "d/" + n + ".json", function (bytes) { return JSON.parse(decoder.decode(bytes)); });
  }

  // Where the terms stand in `text`: [start, end) spans, in order, not overlapping.
  function spans(text, terms, folds) {
    var units = [];
    var prev = null;
    readUnits(folded(text, folds, false), function (u, gap) {
      u.joined = prev !== null && joins(prev, u, gap);
      units.push(u);
      prev = u;
    });
    var found = [];
    terms.forEach(function (term) {
      for (var i = 0; i + term.length <= units.length; i++) {
        var ok = true;
        for (var k = 0; k < term.length && ok; k++) {
          var u = units[i + k];
          var t = term[k];
          if (k > 0 && !u.joined) ok = false;
          else if (term.length === 1 && !t.han) ok = u.text.lastIndexOf(t.text, 0) === 0;
          else ok = u.text === t.text;
        }
        if (!ok) continue;
        var last = units[i + term.length - 1];
        var end = term.length === 1 && !term[0].han ? last.ends[term[0].count - 1] : last.ends[last.ends.length - 1];
        found.push([units[i].start, end]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [];
    found.forEach(function (s) {
      if (!out.length || s[0] >= out[out.length - 1][1]) out.push(s);
    });
    return out;
  }

  // Appends `text` to `el` with every span of the terms marked.
  function appendMarked(el, text, terms, folds) {
    var at = 0;
    spans(text, terms, folds).forEach(function (s) {
      if (s[0] > at) el.appendChild(document.createTextNode(text.slice(at, s[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s[0], s[1]);
      el.appendChild(mark);
      at = s[1];
    });
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
  }

  // About 100 characters of the text around the first match.
  function excerpt(text, terms, folds) {
    var flat = text.replace(/\s+/g, " ").trim();
    var first = spans(flat, terms, folds)[0];
    var chars = Array.from(flat);
    var start = 0;
    if (first && first[0] > 0) start = Math.max(0, Array.from(flat.slice(0, first[0])).length - 30);
    var end = Math.min(chars.length, start + 100);
    return (start > 0 ? "…" : "") + chars.slice(start, end).join("") + (end < chars.length ? "…" : "");
  }

  // The query's folds and the document's own, so that a traditional text is marked too.
  function docFolds(doc, folds) {
    var all = new Map(folds);
    var chars = Array.from(doc.fold || "");
    for (var i = 0; i + 1 < chars.length; i += 2) all.set(chars[i], chars[i + 1]);
    return all;
  }

  function resultItem(doc, terms, queryFolds) {
    var folds = docFolds(doc, queryFolds);
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    h.className = "search-result-title";
    var a = document.createElement("a");
    a.href = doc.url;
    appendMarked(a, doc.title, terms, folds);
    h.appendChild(a);
    li.appendChild(h);
    // Date and district, then whichever towns, tags or names matched: a result
    // found by its byline says so.
    var meta = document.createElement("p");
    meta.className = "meta";
    var matched = (doc.about || "").split("\n").filter(function (line, i, all) {
      return line !== doc.district && all.indexOf(line) === i && spans(line, terms, folds).length > 0;
    });
    appendMarked(meta, [doc.date, doc.district].concat(matched).filter(Boolean).join(" · "), terms, folds);
    li.appendChild(meta);
    var p = document.createElement("p");
    p.className = "search-excerpt";
    appendMarked(p, excerpt(doc.text || doc.subtitle || "", terms, folds), terms, folds);
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
    list.textContent = "";
    more.hidden = true;
    current = null;
    if (!query.trim()) {
      say("");
      return;
    }
    say("正在搜索……");
    loadMeta().then(function (m) {
      return loadFolds(m, query).then(function (folds) {
        var parsed = parse(query, folds);
        if (!parsed.terms.length) return { m: m, parsed: parsed, ranked: null };
        return find(m, parsed.terms).then(function (ranked) {
          return { m: m, parsed: parsed, folds: folds, ranked: ranked };
        });
      });
    }).then(function (found) {
      if (gen !== generation) return;
      if (!found.ranked) {
        say(found.parsed.short ? "请至少输入一个汉字，或两个字母、数字。" : "");
        return;
      }
      current = { gen: gen, query: query.trim(), terms: found.parsed.terms, folds: found.folds, meta: found.m, ranked: found.ranked, next: 0 };
      if (!found.ranked.length) {
        say("没有找到包含“" + query.trim() + "”的文章。");
        return;
      }
      showMore();
    }).catch(function () {
      if (gen === generation) say("搜索索引没能载入，请稍后再试。");
    });
  }

  // Shows the next page of results. Every document ranked holds the query:
  // the index has said so already, so the count is known before any is fetched.
  function showMore() {
    var c = current;
    if (!c) return;
    more.hidden = true;
    var batch = c.ranked.slice(c.next, c.next + PAGE);
    c.next += batch.length;
    Promise.all(batch.map(function (n) { return loadDoc(c.meta, n); })).then(function (loaded) {
      if (c.gen !== generation) return;
      loaded.forEach(function (doc) { list.appendChild(resultItem(doc, c.terms, c.folds)); });
      var total = c.ranked.length;
      say("“" + c.query + "”：找到 " + total + " 篇文章" + (c.next < total ? "，显示前 " + c.next + " 篇。" : "。"));
      more.hidden = c.next >= total;
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
