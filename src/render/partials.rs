//! `include_cached(name="partials/masthead.html")`: a partial drawn once for
//! each set of values it reads, and copied wherever the same values come again.
//!
//! The default theme's masthead and footer are on every page and differ only
//! by the section a page is in: 13,856 draws for a 10,000-article site where
//! some fifteen would do. A theme may draw its cards this way too, each listed
//! on some seven pages; see docs/themes.md for when that pays.
//!
//! tera's `{% include %}` cannot be told to keep what it drew, and a tera
//! function cannot reach the `Tera` it is registered in; so the function
//! holds a [`Weak`] handle on a [`Memo`] that keeps a copy of the finished
//! `Tera` (a strong one would be a cycle: the copy holds the function).
//!
//! The memo is correct by construction: the partial is drawn with a context
//! of exactly the variables it reads (tera's own list of a template's
//! variables, its includes' included), and those values are the key. Maps
//! and lists are matched by identity (the renderer hands every page the same
//! card), and the memo keeps its keys alive, so an identity is never reused
//! while it is remembered. tera's globals (`site`, `drafts_shown`) are the
//! same on every page of a build and are not part of the key.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, Weak};

use tera::value::ValueKind;
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

/// The function's name in templates.
pub const INCLUDE_CACHED: &str = "include_cached";

/// At most this many bytes of drawn HTML are kept, in two halves: what was
/// drawn or used lately, and what was before it. When the recent half is
/// full, the older one is let go of and the recent one takes its place; a
/// partial found in the older half is used and moves back to the recent one.
/// Pages are made in the order of the newest article they show, so the cards
/// a page lists were mostly drawn for the pages made just before it: the
/// default theme's term pages of a 10,000-article site draw some 10,000
/// cards, 12 MiB, all kept; a 100,000-article build ages the memo a few
/// dozen times and stays within its 1 GiB of memory (the memo takes some 1.4
/// times what it keeps). Letting go of all of it at once when full drew a
/// quarter of the cards twice there; keeping the recent half, far fewer.
const MAX_BYTES: usize = 16 * 1024 * 1024;

/// What one renderer's `include_cached` calls have drawn, and the templates
/// to draw with.
pub struct Memo {
    /// The finished templates, and what each reads; set once they are in.
    finished: OnceLock<Finished>,
    drawn: Mutex<Drawn>,
}

/// The templates as pages are rendered with them, and by name, what each reads.
struct Finished {
    tera: Tera,
    partials: HashMap<String, Partial>,
    /// Template name → the file it came from, for error messages.
    paths: BTreeMap<String, PathBuf>,
}

/// A template as a partial: its number in the memo, and the variables it
/// reads that are not tera's globals, in the order a key holds their values.
struct Partial {
    number: usize,
    reads: Box<[&'static str]>,
}

#[derive(Default)]
struct Drawn {
    /// The most bytes of HTML each generation holds: half of [`MAX_BYTES`]
    /// but in tests.
    per_generation: usize,
    /// What was drawn or used since the memo last aged, and its size in bytes.
    recent: Generation,
    /// What was drawn or used before that: let go of when the memo next ages.
    older: Generation,
    /// Calls answered from either generation, for `JIANBAO_TIMINGS`.
    copied: usize,
    /// Partials drawn, and how many times the memo aged, for `JIANBAO_TIMINGS`.
    draws: usize,
    ages: usize,
}

/// Drawn partials by key, with the bytes of HTML they hold.
#[derive(Default)]
struct Generation {
    html: HashMap<Key, Value, ahash::RandomState>,
    bytes: usize,
}

impl Drawn {
    /// The HTML kept for `key`, moved to the recent generation if it was in
    /// the older one; with what that move let go of, to be freed unlocked.
    fn find(&mut self, key: &Key) -> Option<(Value, Option<Generation>)> {
        if let Some(html) = self.recent.html.get(key) {
            self.copied += 1;
            return Some((html.clone(), None));
        }
        let (key, html) = self.older.html.remove_entry(key)?;
        self.copied += 1;
        let size = html.as_str().map_or(0, str::len);
        self.older.bytes -= size;
        let let_go = self.keep(key, html.clone(), size);
        Some((html, let_go))
    }

    /// Keeps `html` in the recent generation, aging the memo first when it
    /// would overfill it; gives back the generation let go of.
    fn keep(&mut self, key: Key, html: Value, size: usize) -> Option<Generation> {
        // A partial larger than a generation may hold is drawn each time.
        if size > self.per_generation {
            return None;
        }
        let let_go = (self.recent.bytes + size > self.per_generation).then(|| {
            self.ages += 1;
            std::mem::replace(&mut self.older, std::mem::take(&mut self.recent))
        });
        self.recent.bytes += size;
        self.recent.html.insert(key, html);
        let_go
    }
}

impl Memo {
    /// A memo for one renderer, whose templates are given by [`Memo::finish`].
    pub fn new() -> Arc<Memo> {
        Memo::with_limit(MAX_BYTES)
    }

    fn with_limit(limit: usize) -> Arc<Memo> {
        Arc::new(Memo {
            finished: OnceLock::new(),
            drawn: Mutex::new(Drawn {
                per_generation: limit / 2,
                ..Drawn::default()
            }),
        })
    }

    /// Gives the memo the templates as pages are rendered with them, once
    /// every global is in, and finds what each template reads.
    pub fn finish(&self, tera: &Tera, paths: &BTreeMap<String, PathBuf>) {
        let mut tera = tera.clone();
        let globals = tera.global_context().clone();
        let names: Vec<String> = tera.get_template_names().map(str::to_string).collect();
        let partials = names
            .into_iter()
            .enumerate()
            .filter_map(|(number, name)| {
                // A template whose includes are missing cannot be drawn: its call says so when made.
                let vars = tera.get_template_variables(&name).ok()?;
                let reads: Box<[&'static str]> = vars
                    .into_iter()
                    .filter(|var| !globals.contains_key(var))
                    .map(interned)
                    .collect();
                Some((name, Partial { number, reads }))
            })
            .collect();
        let _ = self.finished.set(Finished {
            tera,
            partials,
            paths: paths.clone(),
        });
    }

    /// The HTML of `name` drawn with the values `state` holds of its variables.
    fn include(&self, name: &str, state: &State) -> TeraResult<Value> {
        let Some(finished) = self.finished.get() else {
            return Err(tera::Error::message(
                crate::msg!("theme-include-cached-early", function = INCLUDE_CACHED).to_string(),
            ));
        };
        let Some(partial) = finished.partials.get(name) else {
            // tera's own words for a template it does not have.
            let said = finished.tera.render(name, &Context::new()).err();
            return Err(said.unwrap_or_else(|| tera::Error::message(name.to_string())));
        };
        let mut values = Vec::with_capacity(partial.reads.len());
        for var in partial.reads.iter() {
            values.push(state.get::<Value>(var)?);
        }
        let key = Key::new(partial.number, values);
        let found = self.lock_drawn().find(&key);
        if let Some((html, let_go)) = found {
            // Freed with the lock released: the other threads go on meanwhile.
            drop(let_go);
            return Ok(html);
        }
        let html = draw(finished, name, partial, &key.values)?;
        let size = html.as_str().map_or(0, str::len);
        let let_go = {
            let mut drawn = self.lock_drawn();
            drawn.draws += 1;
            drawn.keep(key, html.clone(), size)
        };
        drop(let_go);
        Ok(html)
    }

    fn lock_drawn(&self) -> std::sync::MutexGuard<'_, Drawn> {
        // A panic elsewhere while the lock was held leaves whole entries only.
        crate::par::locked(&self.drawn)
    }
}

/// Template `name` drawn with the `values` of the variables `partial` reads.
fn draw(finished: &Finished, name: &str, partial: &Partial, values: &[Option<Value>]) -> TeraResult<Value> {
    let mut context = Context::new();
    for (&var, value) in partial.reads.iter().zip(values) {
        if let Some(value) = value {
            context.insert_value(var, value.clone());
        }
    }
    thread_local! {
        /// Where partials are drawn before they become a value, kept between calls.
        static DRAWING: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    DRAWING.with(|buffer| {
        // A partial drawn inside another's drawing takes a buffer of its own.
        let mut own = Vec::new();
        let mut borrowed = buffer.try_borrow_mut();
        let buffer = match borrowed.as_deref_mut() {
            Ok(buffer) => buffer,
            Err(_) => &mut own,
        };
        buffer.clear();
        finished
            .tera
            .render_to(name, &context, &mut *buffer)
            .map_err(|e| drawing_failed(name, &e, &finished.paths))?;
        // simdutf8: at 100,000 articles, checking the drawn partials with the standard
        // library's from_utf8 took half a second.
        let html = simdutf8::basic::from_utf8(buffer).map_err(|e| tera::Error::message(e.to_string()))?;
        Ok(Value::safe_string(html))
    })
}

/// `name` as a `&'static str`, for a key of a tera context without a copy
/// for every call. The names are those of template variables, a few dozen
/// in a theme, each kept once for the life of the process.
fn interned(name: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<std::collections::HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(&kept) = names.get(name) {
        return kept;
    }
    let kept: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(kept);
    kept
}

impl Drop for Memo {
    fn drop(&mut self) {
        if std::env::var_os("JIANBAO_TIMINGS").is_some() {
            let drawn = self.lock_drawn();
            eprintln!(
                "jianbao: include_cached: {} drawn, {} copied, {} KB kept, aged {} times",
                drawn.draws,
                drawn.copied,
                (drawn.recent.bytes + drawn.older.bytes) / 1024,
                drawn.ages
            );
        }
    }
}

/// Adds `include_cached` to `tera`, drawing into `memo`. A `tera` whose memo
/// is gone (the templates kept between serve's runs) says so if called.
pub fn register(tera: &mut Tera, memo: Weak<Memo>) {
    tera.register_function(
        INCLUDE_CACHED,
        move |kwargs: Kwargs, state: &State| -> TeraResult<Value> {
            let name: &str = kwargs.must_get("name")?;
            match memo.upgrade() {
                Some(memo) => memo.include(name, state),
                None => Err(tera::Error::message(
                    crate::msg!("theme-include-cached-early", function = INCLUDE_CACHED).to_string(),
                )),
            }
        },
    );
}

/// The error of a partial that could not be drawn, naming its file and line.
fn drawing_failed(name: &str, err: &tera::Error, paths: &BTreeMap<String, PathBuf>) -> tera::Error {
    let shown = |name: &str| super::template_error::shown_path(paths, name).display().to_string();
    let text = match err.kind() {
        tera::ErrorKind::RenderingError(r) | tera::ErrorKind::SyntaxError(r) => crate::msg!(
            "theme-include-cached-failed",
            function = INCLUDE_CACHED,
            template = shown(r.filename()),
            line = r.span().start_line,
            error = r.message()
        )
        .to_string(),
        _ => crate::msg!(
            "theme-include-cached-failed-unplaced",
            function = INCLUDE_CACHED,
            template = shown(name),
            error = err.to_string()
        )
        .to_string(),
    };
    tera::Error::message(text)
}

/// A template (by its number in the memo) and the values of the variables
/// it reads (`None`: not defined).
struct Key {
    hash: u64,
    template: usize,
    values: Vec<Option<Value>>,
}

impl Key {
    fn new(template: usize, values: Vec<Option<Value>>) -> Key {
        // Fixed seeds: the hash only places keys in the memo's own table.
        let mut h = ahash::RandomState::with_seeds(1, 2, 3, 4).build_hasher();
        h.write_usize(template);
        for value in &values {
            match value {
                Some(value) => hash_value(value, &mut h),
                None => h.write_u8(0),
            }
        }
        Key {
            hash: h.finish(),
            template,
            values,
        }
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.hash == other.hash
            && self.template == other.template
            && self.values.len() == other.values.len()
            && self.values.iter().zip(&other.values).all(|(a, b)| match (a, b) {
                (Some(a), Some(b)) => same_value(a, b),
                (None, None) => true,
                _ => false,
            })
    }
}

impl Eq for Key {}

/// Hashes what [`same_value`] compares: maps and lists by identity, the rest by content.
fn hash_value(value: &Value, h: &mut impl Hasher) {
    h.write_u8(value.kind() as u8 + 1);
    if let Some(map) = value.as_map() {
        std::ptr::hash(map, h);
    } else if let Some(list) = value.as_array() {
        std::ptr::hash(list.as_ptr(), h);
        h.write_usize(list.len());
    } else if let Some(text) = value.as_str() {
        text.hash(h);
        value.is_safe().hash(h);
    } else if let Some(bytes) = value.as_bytes() {
        bytes.hash(h);
    } else if let Some(b) = value.as_bool() {
        b.hash(h);
    } else if let Some(n) = value.as_i128() {
        n.hash(h);
    } else if let Some(n) = value.as_u128() {
        n.hash(h);
    } else if let Some(x) = value.as_f64() {
        x.to_bits().hash(h);
    }
}

/// Whether `a` and `b` draw the same: the same map or list (not merely equal
/// ones: comparing a card field by field would cost what drawing it does),
/// or scalars of the same kind and value, strings as safe as each other.
fn same_value(a: &Value, b: &Value) -> bool {
    if a.kind() != b.kind() {
        return false;
    }
    match a.kind() {
        ValueKind::Map => match (a.as_map(), b.as_map()) {
            (Some(x), Some(y)) => std::ptr::eq(x, y),
            _ => false,
        },
        ValueKind::Array => match (a.as_array(), b.as_array()) {
            (Some(x), Some(y)) => std::ptr::eq(x.as_ptr(), y.as_ptr()) && x.len() == y.len(),
            _ => false,
        },
        ValueKind::String => a.is_safe() == b.is_safe() && a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera_with(templates: &[(&str, &str)]) -> (Tera, Arc<Memo>) {
        tera_with_limit(templates, MAX_BYTES)
    }

    fn tera_with_limit(templates: &[(&str, &str)], limit: usize) -> (Tera, Arc<Memo>) {
        let memo = Memo::with_limit(limit);
        let mut tera = Tera::new();
        register(&mut tera, Arc::downgrade(&memo));
        tera.add_raw_templates(templates.iter().copied()).expect("templates");
        tera.global_context()
            .insert("site", &serde_json::json!({ "title": "长宁简报" }));
        let paths = BTreeMap::from([("bad.html".to_string(), PathBuf::from("templates/partials/bad.html"))]);
        memo.finish(&tera, &paths);
        (tera, memo)
    }

    fn card(title: &str, url: &str) -> Value {
        Value::from_serializable(
            &serde_json::json!({ "title": title, "url": url, "towns": ["江苏路街道", "华阳路街道"] }),
        )
    }

    #[test]
    fn a_cached_partial_draws_as_include_does_with_loop_and_set_values() {
        let card_tpl = r#"<{{ heading or "h2" }}><a href="{{ item.url }}">{{ item.title }}</a></{{ heading or "h2" }}>{% for t in item.towns %}{{ t }}{% endfor %}·{{ site.title }}"#;
        let (tera, _memo) = tera_with(&[
            ("card.html", card_tpl),
            (
                "inc.html",
                r#"{% set heading = "h3" %}{% for item in items %}{% include "card.html" %}{% endfor %}"#,
            ),
            (
                "cached.html",
                r#"{% set heading = "h3" %}{% for item in items %}{{ include_cached(name="card.html") }}{% endfor %}"#,
            ),
        ]);
        let mut ctx = Context::new();
        let a = card("“银行进社区”走进重庆路", "/2013/11/yin-hang/");
        let b = card("长宁路<改造>", "/2013/11/chang-ning/");
        ctx.insert_value("items", Value::from(vec![a.clone(), b, a]));
        let included = tera.render("inc.html", &ctx).expect("include");
        let cached = tera.render("cached.html", &ctx).expect("cached");
        assert_eq!(cached, included);
        assert!(cached.contains("&lt;改造&gt;"), "{cached}");
        assert!(cached.contains("<h3>"), "{cached}");
    }

    #[test]
    fn the_same_card_is_drawn_once_and_other_values_draw_again() {
        let (tera, memo) = tera_with(&[
            (
                "card.html",
                r#"<{{ heading or "h2" }}>{{ item.title }}</{{ heading or "h2" }}>"#,
            ),
            (
                "list.html",
                r#"{% for item in items %}{{ include_cached(name="card.html") }}{% endfor %}"#,
            ),
            (
                "front.html",
                r#"{% set heading = "h3" %}{% for item in items %}{{ include_cached(name="card.html") }}{% endfor %}"#,
            ),
        ]);
        let a = card("静安区垃圾分类", "/a/");
        let b = card("静安区垃圾分类", "/a/");
        let mut ctx = Context::new();
        ctx.insert_value("items", Value::from(vec![a.clone(), a.clone(), b]));
        assert_eq!(
            tera.render("list.html", &ctx).expect("list"),
            "<h2>静安区垃圾分类</h2>".repeat(3)
        );
        // `a` once; `b`, equal but another value, once more.
        assert_eq!(memo.lock_drawn().recent.html.len(), 2);
        assert_eq!(
            tera.render("front.html", &ctx).expect("front"),
            "<h3>静安区垃圾分类</h3>".repeat(3)
        );
        assert_eq!(memo.lock_drawn().recent.html.len(), 4);
    }

    #[test]
    fn an_undefined_variable_and_a_none_are_told_apart() {
        let (tera, _memo) = tera_with(&[
            (
                "p.html",
                r#"{% if flag is defined %}defined{% else %}undefined{% endif %}"#,
            ),
            (
                "a.html",
                r#"{{ include_cached(name="p.html") }}{% set flag = none %}{{ include_cached(name="p.html") }}"#,
            ),
        ]);
        assert_eq!(
            tera.render("a.html", &Context::new()).expect("render"),
            "undefineddefined"
        );
    }

    #[test]
    fn a_partial_that_fails_names_its_template_and_line() {
        let (tera, _memo) = tera_with(&[
            ("bad.html", "第一行\n{{ item.missing.deeper }}"),
            ("page.html", r#"{{ include_cached(name="bad.html") }}"#),
        ]);
        let mut ctx = Context::new();
        ctx.insert_value("item", card("标题", "/x/"));
        let err = tera.render("page.html", &ctx).expect_err("fails");
        let text = format!("{err:?}");
        assert!(text.contains("templates/partials/bad.html, line 2"), "{text}");
    }

    #[test]
    fn a_partial_the_theme_lacks_is_named() {
        let (tera, _memo) = tera_with(&[("page.html", r#"{{ include_cached(name="partials/byline.html") }}"#)]);
        let err = tera.render("page.html", &Context::new()).expect_err("fails");
        assert!(format!("{err:?}").contains("partials/byline.html"), "{err:?}");
    }

    #[test]
    fn past_its_limit_the_memo_lets_go_of_what_was_not_used_lately() {
        let templates = [
            ("card.html", r#"<h2>{{ item.title }}</h2>"#),
            (
                "list.html",
                r#"{% for item in items %}{{ include_cached(name="card.html") }}{% endfor %}"#,
            ),
        ];
        // Room for one card in each half: "<h2>嘉定区新闻</h2>" is 24 bytes.
        let (tera, memo) = tera_with_limit(&templates, 60);
        let (a, b, c) = (
            card("嘉定区新闻", "/a/"),
            card("长宁区新闻", "/b/"),
            card("重庆路新闻", "/c/"),
        );
        let mut ctx = Context::new();
        let items = vec![
            a.clone(),
            a.clone(),
            b.clone(),
            b.clone(),
            a.clone(),
            c.clone(),
            b,
            c,
            a,
        ];
        ctx.insert_value("items", Value::from(items));
        assert_eq!(
            tera.render("list.html", &ctx).expect("list"),
            "<h2>嘉定区新闻</h2><h2>嘉定区新闻</h2><h2>长宁区新闻</h2><h2>长宁区新闻</h2><h2>嘉定区新闻</h2>\
             <h2>重庆路新闻</h2><h2>长宁区新闻</h2><h2>重庆路新闻</h2><h2>嘉定区新闻</h2>"
        );
        let drawn = memo.lock_drawn();
        // a drawn, then found; b drawn, then found; a found in the older half;
        // c drawn; b drawn again, two others having come after it; c found in
        // the older half; a drawn again.
        assert_eq!((drawn.draws, drawn.copied), (5, 4));
        assert_eq!((drawn.recent.html.len(), drawn.recent.bytes), (1, 24));
        assert_eq!((drawn.older.html.len(), drawn.older.bytes), (1, 24));
        drop(drawn);

        // A partial larger than half the memo is drawn each time, and not kept.
        let (tera, memo) = tera_with_limit(&templates, 40);
        assert_eq!(tera.render("list.html", &ctx).expect("list").matches("<h2>").count(), 9);
        let drawn = memo.lock_drawn();
        assert_eq!((drawn.draws, drawn.copied, drawn.recent.html.len()), (9, 0, 0));
    }

    #[test]
    fn templates_whose_memo_is_gone_say_so() {
        let mut tera = Tera::new();
        register(&mut tera, Weak::new());
        tera.add_raw_template("p.html", r#"{{ include_cached(name="q.html") }}"#)
            .expect("template");
        assert!(tera.render("p.html", &Context::new()).is_err());
    }
}
