//! The whole article pipeline on arbitrary bytes: split, front matter, Markdown
//! (with every extension), taxonomy, plan, and every page of the built-in theme.
//! Any panic is a bug; errors are the expected answer to bad input.

#![no_main]

use libfuzzer_sys::fuzz_target;

const SITE_YAML: &str = "title: 测试\nbase_url: https://example.org/bulletin/\npaginate: 2\ndistricts:\n  松江区: { slug: songjiang, towns: [洞泾镇] }\n  崇明区: { slug: chongming, aliases: [崇明县] }\n";

fuzz_target!(|data: &[u8]| {
    // A second article lets links, related articles and pagination do their work.
    let other = "---\ntitle: 另一篇\ndate: 2013-11-02\ndistrict: 崇明县\ntags: [甲]\n---\n正文\n".as_bytes();
    if let Err(problems) = jianbao::build::build_in_memory(SITE_YAML, &[("2013/11/a.md", data), ("2013/11/b.md", other)]) {
        for p in &problems {
            assert!(p.path.starts_with("content"), "a problem outside the articles: {p}");
        }
    }
});
