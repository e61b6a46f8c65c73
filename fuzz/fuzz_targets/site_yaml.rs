//! site.yaml on arbitrary text: parsed and validated, then used for a build of
//! one article. Any panic is a bug.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(yaml) = std::str::from_utf8(data) else { return };
    let article = "---\ntitle: 标题\ndate: 2013-11-03\ndistrict: 松江区\ntags: [甲]\n---\n正文\n".as_bytes();
    let _ = jianbao::build::build_in_memory(yaml, &[("2013/11/a.md", article)]);
});
