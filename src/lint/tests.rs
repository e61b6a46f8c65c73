//! Tests of the lints together: the sample bulletin, switching lints off, the
//! ids, and inputs that must not make any lint panic. Also the helpers the
//! tests of each lint share.

use std::path::Path;

use super::*;
use crate::config::{Overrides, parse_config};
use crate::markdown::{self, LinkTarget, MarkdownOptions};
use crate::pipeline::sites::load_site;
use crate::site::SiteOptions;

/// A site with towns listed for two districts and none for a third.
const SITE: &str = "title: 测试\nbase_url: https://example.org/\ndistricts:\n  松江区: { slug: songjiang, towns: [洞泾镇, 泖港镇] }\n  金山区: { slug: jinshan, towns: [枫泾镇] }\n  崇明区: { slug: chongming, aliases: [崇明县] }\n";

/// The test site's configuration, with `extra` lines of site.yaml.
pub(super) fn config(extra: &str) -> Config {
    parse_config(&format!("{SITE}{extra}"), &Overrides::default()).expect("the test site.yaml is valid")
}

/// An article as loaded, and the text of its file.
pub(super) struct TestArticle {
    pub article: Article,
    pub source: String,
}

/// An article from the whole text of its file.
pub(super) fn article_from(source: &str) -> TestArticle {
    let split = front_matter::split(source).expect("test articles have front matter");
    let front = front_matter::parse(split.yaml, split.yaml_line, &config("")).expect("valid front matter");
    let body = markdown::render(split.body, MarkdownOptions::default(), &|_| LinkTarget::Keep);
    let char_count = body.char_count();
    let article = Article {
        source: "content/2013/11/test.md".into(),
        content_path: "2013/11/test.md".into(),
        front,
        slug: "test".into(),
        slug_line: None,
        url_path: "2013/11/test/".into(),
        body: crate::content::Body::Held(body.html),
        body_hash: 0,
        element_ids: Vec::new(),
        summary: String::new(),
        char_count,
        reading_minutes: 1,
        headings: body.headings,
        search_text: Default::default(),
        lead_picture: None,
        pictures: Vec::new(),
        attachments: Vec::new(),
        shortcodes: Vec::new(),
    };
    TestArticle {
        article,
        source: source.to_string(),
    }
}

/// An article with the front-matter lines `front` (each ending in `\n`) and a
/// date, district (金山区) and byline unless `front` has its own, then `body`.
/// `front` starts on line 2; with only a title, the body starts on line 7.
pub(super) fn article(front: &str, body: &str) -> TestArticle {
    let mut text = format!("---\n{front}");
    for (key, line) in [
        ("date:", "date: 2013-11-04\n"),
        ("district:", "district: 金山区\n"),
        ("byline:", "byline: [{ role: 通讯员, name: 金领军 }]\n"),
    ] {
        if !front.contains(key) {
            text.push_str(line);
        }
    }
    text.push_str("---\n");
    text.push_str(body);
    article_from(&text)
}

/// The warnings for `a` on the test site with `extra` lines of site.yaml.
pub(super) fn lint_with(extra: &str, a: &TestArticle) -> Vec<Diagnostic> {
    lint_article(&a.article, &a.source, &config(extra))
}

/// The ids of the warnings for `a`.
pub(super) fn lint_ids(extra: &str, a: &TestArticle) -> Vec<&'static str> {
    lint_with(extra, a).iter().filter_map(Lint::of).map(Lint::id).collect()
}

#[test]
fn the_sample_bulletin_has_exactly_its_52() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (site, _) = load_site(root, &SiteOptions::default()).expect("the sample bulletin loads");
    let found = lint_site(root, &site);
    let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(found.len(), 1, "{shown:#?}");
    let d = &found[0];
    assert_eq!(d.path, Path::new("content/2013/11/fengjing-xiaofang.md"));
    assert_eq!((d.severity, d.area), (crate::error::Severity::Warning, Area::Content));
    assert_eq!(Lint::of(d), Some(Lint::NumberMismatch));
    // Line 3 is `kicker: "全镇 87 家单位 52 名职工参加"`.
    assert_eq!((d.line, d.column), (3, 20));
    assert!(d.message.to_string().contains("gives 52,"), "{}", d.message);
    assert!(
        d.hint
            .as_ref()
            .map(ToString::to_string)
            .as_deref()
            .is_some_and(|h| h.contains("352名")),
        "{:?}",
        d.hint
    );
}

/// An article that sets off every lint once; its Chinese file name, with 行
/// outside any dictionary word, makes its URL a guess.
fn every_mistake() -> TestArticle {
    let mut a = article_from(concat!(
        "---\n",
        "title: 52名职工参赛\n",
        "date: 2013-11-04\n",
        "district: 金山区\n",
        "towns: [洞泾镇]\n",
        "kind: brief\n",
        "image: { src: drill.jpg }\n",
        "---\n",
        "11月3日，全镇87家单位的\n",
        "\n",
        "352名职工上场,“好”，\"好\"。[](https://example.org/)\n",
        "\n",
        "一，沪府发（2013）5号文件要求2月-6月完成，二零一三年新增4千个岗位。\n",
        "\n",
        "二〇一四年3月，他说：“叫他“河长”。”\n",
        "\n",
        "1.巡河--每周一次。\n",
        "\n",
        "（一）落实责任，河道全长十二点五公里。\n",
    ));
    a.article.content_path = "2013/11/庄行见闻.md".into();
    a
}

#[test]
fn every_lint_can_be_switched_off_alone() {
    let a = every_mistake();
    let all = lint_ids("lints: { brief_limit: 5 }\n", &a);
    let mut expected: Vec<&str> = Lint::ALL.iter().map(|l| l.id()).collect();
    let mut sorted = all.clone();
    sorted.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sorted, expected, "each lint once: {all:?}");
    for lint in Lint::ALL {
        let ids = lint_ids(&format!("lints: {{ brief_limit: 5, {}: false }}\n", lint.id()), &a);
        assert!(!ids.contains(&lint.id()), "{}: {ids:?}", lint.id());
        assert_eq!(ids.len(), Lint::ALL.len() - 1, "{}: {ids:?}", lint.id());
    }
}

#[test]
fn an_article_can_switch_lints_off_for_itself() {
    let a = article(
        "title: 枫泾镇职工消防比赛\nlints: { off: [half-width-punctuation, no-byline] }\nbyline: []\n",
        "352名职工上场,观众叫好。\n",
    );
    assert_eq!(lint_ids("", &a), Vec::<&str>::new());
    let b = article(
        "title: 枫泾镇职工消防比赛\nlints:\n  off:\n    - no-byline\nbyline: []\n",
        "352名职工上场,观众叫好。\n",
    );
    assert_eq!(lint_ids("", &b), ["half-width-punctuation"]);
}

#[test]
fn a_lint_name_an_article_gets_wrong_is_an_error_at_its_place_in_chinese() {
    let text = "title: 标题\ndate: 2013-11-04\ndistrict: 金山区\nlints: { off: [half-width-punctuations] }\n";
    let problems = front_matter::parse(text, 2, &config("")).unwrap_err();
    let shown: Vec<String> = problems
        .iter()
        .map(|p| {
            let hint = p
                .hint
                .as_ref()
                .map(|h| h.render(crate::i18n::Lang::Zh))
                .unwrap_or_default();
            format!(
                "{}:{}: {}（{hint}）",
                p.line,
                p.column,
                p.message.render(crate::i18n::Lang::Zh)
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            "5:16: 没有叫 `half-width-punctuations` 的检查项（可能是想写 `half-width-punctuation`？检查项的名字就是 `jianbao check` 在每条警告后面方括号里写的那个）"
        ]
    );
}

#[test]
fn a_line_can_exempt_itself_from_a_lint_or_from_all() {
    let body = "352名职工上场,观众叫好。<!-- lint-off: half-width-punctuation -->\n\n\
                另有87家单位,到场助威。<!-- lint-off：number-mismatch -->\n\n\
                还有40名志愿者,维持秩序。<!-- lint-off -->\n";
    let a = article("title: 枫泾镇职工消防比赛\n", body);
    let found = lint_with("", &a);
    let places: Vec<(usize, &str)> = found
        .iter()
        .map(|d| (d.line, Lint::of(d).map_or("", Lint::id)))
        .collect();
    // Only the second paragraph's comma: its comment names another lint.
    assert_eq!(places, [(9, "half-width-punctuation")]);
    assert!(exempts("文字<!-- lint-off -->", "column-break"));
    assert!(exempts(
        "文字<!-- lint-off: no-byline, column-break -->",
        "column-break"
    ));
    assert!(!exempts("文字<!-- 备注 -->", "column-break"));
    assert!(!exempts("文字<!-- lint-off: no-byline -->", "column-break"));
}

#[test]
fn warnings_are_sorted_and_carry_file_severity_and_hint() {
    let found = lint_with("lints: { brief_limit: 5 }\n", &every_mistake());
    let places: Vec<(usize, usize)> = found.iter().map(|d| (d.line, d.column)).collect();
    let mut sorted = places.clone();
    sorted.sort_unstable();
    assert_eq!(places, sorted);
    for d in &found {
        assert_eq!(d.path, Path::new("content/2013/11/test.md"));
        assert_eq!((d.severity, d.area), (crate::error::Severity::Warning, Area::Content));
        assert!(
            d.hint
                .as_ref()
                .map(ToString::to_string)
                .as_deref()
                .is_some_and(|h| !h.is_empty()),
            "{d}"
        );
        assert!(d.line >= 1, "{d}");
    }
}

#[test]
fn ids_are_the_keys_of_site_yaml() {
    let keys: Vec<&str> = crate::config::LINT_KEYS
        .iter()
        .copied()
        .filter(|k| *k != "brief_limit")
        .collect();
    let ids: Vec<&str> = Lint::ALL.iter().map(|l| l.id()).collect();
    assert_eq!(keys, ids);
    for lint in Lint::ALL {
        let on = config("");
        let off = config(&format!("lints: {{ {}: false }}\n", lint.id()));
        assert!(
            lint.is_enabled(&on.lints) && !lint.is_enabled(&off.lints),
            "{}",
            lint.id()
        );
    }
}

#[test]
fn the_lint_of_a_warning_is_known() {
    let warning = || Diagnostic::warning(Area::Content, "a.md", 1, 1, crate::msg!("lint-no-byline"));
    let d = warning().from_lint(Lint::NoByline);
    assert_eq!(Lint::of(&d), Some(Lint::NoByline));
    assert_eq!(d.text(), "the article credits nobody: it has no byline [no-byline]");
    assert_eq!(Lint::of(&warning()), None);
}

#[test]
fn a_byte_order_mark_and_crlf_do_not_move_the_place() {
    let a = article("title: 标题\n", "参加的有村民,志愿者和党员。\n");
    let crlf = format!("\u{feff}{}", a.source.replace('\n', "\r\n"));
    let places = |source: &str| -> Vec<(usize, usize)> {
        lint_article(&a.article, source, &config(""))
            .iter()
            .map(|d| (d.line, d.column))
            .collect()
    };
    assert_eq!(places(&crlf), [(7, 7)]);
    assert_eq!(places(&crlf), places(&a.source));
}

#[test]
fn a_file_changed_since_loading_still_gets_its_front_matter_linted() {
    let a = every_mistake();
    let found = lint_article(&a.article, "不再是文章", &config(""));
    assert!(found.iter().any(|d| Lint::of(d) == Some(Lint::TownNotInDistrict)));
    assert!(found.iter().all(|d| d.line >= 1));
}

#[test]
fn odd_text_never_panics() {
    // A fixed pseudo-random walk over the characters the lints look at, so
    // that every slicing path meets multi-byte characters at every position.
    let alphabet: Vec<char> = "一二两十百千万亿零〇点分之多余近约3５.,:;()?!\"“”「」'`*_[]()!<>#-\n \t，。、：；（）！？…—http://www.村民志愿者名家%％年月日号〔〕［］～~○零"
        .chars()
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % n as u64).unwrap_or(0)
    };
    let config = config("lints: { brief_limit: 1 }\n");
    for _ in 0..400 {
        let len = next(60);
        let mut text = String::new();
        for _ in 0..len {
            text.push(alphabet[next(alphabet.len())]);
        }
        let title: String = text
            .chars()
            .filter(|c| !"\n\"'`*[]#-:{}".contains(*c))
            .take(20)
            .collect();
        let title = if title.trim().is_empty() {
            "标题".to_string()
        } else {
            title
        };
        let a = article(&format!("title: '{title}'\nkicker: '{title}'\nkind: brief\n"), &text);
        let _ = lint_article(&a.article, &a.source, &config);
        let _ = lint_article(&a.article, &text, &config);
    }
}

#[test]
fn every_warning_reads_as_a_copy_editor_says_it_in_chinese() {
    use crate::i18n::Lang;
    let shown: Vec<String> = lint_with("lints: { brief_limit: 5 }\n", &every_mistake())
        .iter()
        .map(|d| d.render(Lang::Zh))
        .collect();
    assert_eq!(
        shown,
        [
            "content/2013/11/test.md:1:1: 警告：庄行见闻的读音拿不准：“行”可读 xing、hang 或 heng，词典里查不到这个名称，定不下该读哪个；现在按 `zhuang-xing-jian-wen` 生成网址名 [pinyin-guess]\n  \
             提示：如果庄行见闻不读 `zhuang-xing-jian-wen`，请在文章头部（两行 `---` 之间）加上 `slug: zhuang-hang-jian-wen`；如果读得没错，也请加上 `slug: zhuang-xing-jian-wen` 加以确认",
            "content/2013/11/test.md:2:8: 警告：标题写的是 52，正文里却没有这个数：“52名职工参赛” [number-mismatch]\n  \
             提示：正文里写的是 352名，请核实，让标题和正文一致",
            "content/2013/11/test.md:5:9: 警告：站点设置（site.yaml）里，金山区下面没有洞泾镇 [town-not-in-district]\n  \
             提示：站点设置（site.yaml）把洞泾镇列在松江区下面，请核对文章的 `district` 项",
            "content/2013/11/test.md:6:1: 警告：这条短讯有 105 字，超过了本站 5 字的上限 [brief-too-long]\n  \
             提示：删到 5 字以内，或者用 `kind: news` 改成消息；上限在站点设置（site.yaml）里用 `lints: { brief_limit: 5 }` 来定",
            "content/2013/11/test.md:7:1: 警告：图片 drill.jpg 既没有替代文字，也没有图片说明 [image-no-alt]\n  \
             提示：写明图片内容，方便看不到图片的读者，比如：image: { src: drill.jpg, caption: 演练现场 }，也可以用 `alt:`",
            "content/2013/11/test.md:8:1: 警告：这篇文章没有署名 [no-byline]\n  \
             提示：在文章头部（两行 `---` 之间）加上署名，比如：`byline: [{ role: 通讯员, name: 金领军 }]`",
            "content/2013/11/test.md:9:14: 警告：这一段到“…日，全镇87家单位的”就断了，句子没说完，下一段从“352名职工上场,“…”接着往下说：是不是从报纸版面复制时留下的转栏断行？ [column-break]\n  \
             提示：删去两段之间的空行，把两段接成一段；如果确实要另起一段，请给这一段补上句末标点",
            "content/2013/11/test.md:11:9: 警告：中文之间用了半角“,”：“职工上场,“好”，” [half-width-punctuation]\n  \
             提示：中文要用全角标点：“,”改成“，”",
            "content/2013/11/test.md:11:14: 警告：文章里引号混用：以“…”为主（3 处），又用了\"…\"（1 处），第一处在这里：““好”，\"好\"。” [mixed-quotes]\n  \
             提示：全文统一用一种引号：大陆通行“…”，引号里再套引号用‘…’",
            "content/2013/11/test.md:11:18: 警告：指向 https://example.org/ 的链接没有文字，读者没有地方可点 [link-empty-text]\n  \
             提示：在方括号里写上读者要点的文字，比如：[区政府网站](https://example.org/)",
            concat!(
                "content/2013/11/test.md:13:1: 警告：序次语“一，”后的标点不对 [ordinal-mark]\n",
                "  提示：改成“一、”（GB/T 15834—2011 附录B.3.2：汉字数字序次语后用顿号，阿拉伯数字序次语后用下脚点，加括号的序次语后不用标点）"
            ),
            concat!(
                "content/2013/11/test.md:13:6: 警告：发文字号“（2013）5号”写法不对 [doc-number]\n",
                "  提示：改成“〔2013〕5号”（GB/T 9704—2012 7.2.5：年份用六角括号“〔〕”括入，序号不加“第”）"
            ),
            concat!(
                "content/2013/11/test.md:13:18: 警告：数值范围“2月-6月”用了短横线或半角波浪号 [range-mark]\n",
                "  提示：改成“2月～6月”（GB/T 15834—2011 4.13.3.2：起止、数值范围用浪纹线“～”或一字线“—”；短横线只用于编号、年月日等的连接）"
            ),
            concat!(
                "content/2013/11/test.md:13:26: 警告：汉字数字纪年“二零一三年”中的零写法不对 [year-zero]\n",
                "  提示：改成“二〇一三年”（GB/T 15835—2011 5.2.5：编号、纪年中的零写作“〇”）"
            ),
            concat!(
                "content/2013/11/test.md:13:33: 警告：“4千”把阿拉伯数字和汉字数位混在一起 [mixed-numerals]\n",
                "  提示：写成“4000”，或全用汉字数字（GB/T 15835—2011 5.3：除“万”“亿”外，一个数值不同时用阿拉伯数字和汉字数字）"
            ),
            concat!(
                "content/2013/11/test.md:15:1: 警告：日期“二〇一四年3月”混用了阿拉伯数字和汉字数字 [date-numerals]\n",
                "  提示：改成“2014年3月”，或年月日全用汉字数字（GB/T 15835—2011 4.3：同一场合同类别的数字形式要一致，不写“二〇一三年11月14日”）"
            ),
            concat!(
                "content/2013/11/test.md:15:15: 警告：引号里又用了双引号：“河长” [nested-quotes]\n",
                "  提示：改成 ‘河长’（GB/T 15834—2011 4.8：引号里面还要用引号时，外面一层用双引号，里面一层用单引号）"
            ),
            concat!(
                "content/2013/11/test.md:17:5: 警告：“--”不是破折号 [dash]\n",
                "  提示：改成“——”（GB/T 15834—2011 4.10：破折号写作“——”，占两个字的位置）"
            ),
            concat!(
                "content/2013/11/test.md:19:1: 警告：同一标题下先用了“1.”，又用了高一级的“（一）”，层级颠倒了 [ordinal-level]\n",
                "  提示：按层级从高到低使用：一、 （一） 1. （1） ①（GB/T 15834—2011 附录B.3.8）"
            ),
            concat!(
                "content/2013/11/test.md:19:13: 警告：计量数字“十二点五公里”用了汉字数字 [measure-numerals]\n",
                "  提示：改成“12.5公里”（GB/T 15835—2011 4.1.1：计量用的数字，尤其是带计量单位的，用阿拉伯数字）"
            ),
        ]
    );
}

#[test]
fn an_article_gone_since_loading_is_reported_in_chinese() {
    use crate::i18n::Lang;
    let a = article("title: 标题\n", "正文。\n");
    let root = tempfile::tempdir().expect("a temporary folder");
    let d = read_source(root.path(), &a.article).expect_err("the file is not there");
    assert_eq!(d.severity, crate::error::Severity::Warning);
    assert_eq!(
        d.render(Lang::Zh),
        "content/2013/11/test.md: 警告：无法再次读取文章来检查：没有这个文件或文件夹"
    );
    assert_eq!(
        d.render(Lang::En),
        "content/2013/11/test.md: warning: could not read the article again to lint it: no such file or folder"
    );
}

#[test]
fn every_standard_lint_cites_its_rule_in_its_hint() {
    use crate::i18n::Lang;
    for d in lint_with("lints: { brief_limit: 5 }\n", &every_mistake()) {
        let Some(rule) = Lint::of(&d).and_then(Lint::rule) else {
            continue;
        };
        // The rule as the hint cites it: the standard, and the clause's first part.
        let clause = rule.split('–').next().unwrap_or(rule);
        for lang in [Lang::Zh, Lang::En] {
            let shown = d.render(lang);
            assert!(shown.contains(clause), "{rule} in {shown}");
        }
    }
}
