//! Markdown as a district reporter types it, built into pages: bare web
//! addresses in Chinese sentences become links, and a stray HTML tag in the
//! copy does not take the rest of the article with it.

mod common;

use common::TestSite;
use jianbao::check::{CheckOptions, check};

const FRONT: &str = "title: 松江区开展“平安社区”宣传月活动\ndate: 2013-11-10\ndistrict: 松江区\ntowns: [洞泾镇]\nbyline: [{ role: 通讯员, name: 松组 }]";

const BODY: &str = "\
本报讯 11月起，松江区在各街镇开展“平安社区”宣传月活动。活动安排详见www.songjiang.gov.cn。

报名方式：登录“www.sjdj.gov.cn”填写表格，或发送邮件至pingan@sjdj.gov.cn，注明姓名、所在镇（如洞泾镇）。

（详见https://www.shanghai.gov.cn/notice?id=2013&lang=zh）

区政府网站[松江门户](http://www.songjiang.gov.cn/)和[上期简报](earlier.md)也有介绍。

```
下载：https://example.org/files/anquan.pdf
```

网址：www.example.org，电话：021-57812345。
";

fn site() -> TestSite {
    let site = TestSite::new();
    site.article("2013/11/pingan.md", FRONT, BODY);
    site.article(
        "2013/11/earlier.md",
        "title: 洞泾镇消防演练\ndate: 2013-11-03\ndistrict: 松江区\nbyline: [{ role: 记者, name: 卢连明 }]",
        "洞泾镇组织 120 名居民参加消防演练。\n",
    );
    site
}

fn article_html(site: &TestSite) -> String {
    site.read("2013/11/pingan/index.html")
}

#[test]
fn bare_addresses_in_chinese_sentences_become_links() {
    let site = site();
    site.build_ok();
    let html = article_html(&site);
    for expected in [
        "活动安排详见<a href=\"http://www.songjiang.gov.cn\">www.songjiang.gov.cn</a>。",
        "登录“<a href=\"http://www.sjdj.gov.cn\">www.sjdj.gov.cn</a>”填写表格",
        "发送邮件至<a href=\"mailto:pingan@sjdj.gov.cn\">pingan@sjdj.gov.cn</a>，注明",
        "（详见<a href=\"https://www.shanghai.gov.cn/notice?id=2013&amp;lang=zh\">https://www.shanghai.gov.cn/notice?id=2013&amp;lang=zh</a>）",
        "网址：<a href=\"http://www.example.org\">www.example.org</a>，电话：021-57812345。",
    ] {
        assert!(html.contains(expected), "missing {expected} in\n{html}");
    }
}

#[test]
fn written_links_and_code_are_left_as_they_were() {
    let site = site();
    site.build_ok();
    let html = article_html(&site);
    assert!(
        html.contains("<a href=\"http://www.songjiang.gov.cn/\">松江门户</a>"),
        "{html}"
    );
    assert!(
        html.contains("href=\"/2013/11/earlier/\""),
        "the article link is still rewritten: {html}"
    );
    let code = html.find("下载：").expect("the code block");
    let code_end = html[code..].find("</code>").expect("its end") + code;
    assert!(
        !html[code..code_end].contains("<a "),
        "no link in code: {}",
        &html[code..code_end]
    );
}

#[test]
fn summaries_and_check_see_the_address_as_text() {
    let site = site();
    site.build_ok();
    let front = site.read("index.html");
    assert!(
        front.contains("活动安排详见www.songjiang.gov.cn。"),
        "the summary is text: {front}"
    );
    let problems = check(&CheckOptions {
        root: site.root().to_path_buf(),
        drafts: false,
        future: false,
    });
    assert_eq!(common::render(&problems), "", "bare links are not broken links");
}

#[test]
fn sanitised_articles_keep_their_bare_links() {
    let site = TestSite::new();
    site.article(
        "2013/11/tongzhi.md",
        FRONT,
        "<b onclick=\"steal()\">通知</b>：详见www.sjdj.gov.cn。\n",
    );
    site.build_ok();
    let html = site.read("2013/11/tongzhi/index.html");
    assert!(!html.contains("onclick"), "{html}");
    assert!(
        html.contains("<b>通知</b>：详见<a href=\"http://www.sjdj.gov.cn\">www.sjdj.gov.cn</a>。"),
        "{html}"
    );
}

#[test]
fn a_stray_form_tag_does_not_swallow_the_article() {
    let site = TestSite::new();
    site.article(
        "2013/11/baoming.md",
        FRONT,
        "网上报名页面上的 <textarea> 框里填写家庭住址。\n\n第二段：报名截止到 **11月30日**。\n\n## 联系方式\n\n洞泾镇社区事务受理中心。\n",
    );
    site.build_ok();
    let html = site.read("2013/11/baoming/index.html");
    assert!(html.contains("网上报名页面上的 &lt;textarea&gt; 框里"), "{html}");
    assert!(
        html.contains("<p>第二段：报名截止到 <strong>11月30日</strong>。</p>"),
        "{html}"
    );
    assert!(html.contains("<h2 id=\"lian-xi-fang-shi\">联系方式</h2>"), "{html}");
    assert!(!html.contains("&lt;p&gt;"), "no markup shown as text: {html}");
}
