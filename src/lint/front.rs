//! The lints of front matter alone: `brief-too-long`, `no-byline` and
//! `town-not-in-district`.

use super::{Context, Lint};
use crate::content::Kind;
use crate::error::did_you_mean;
use crate::msg;

pub(super) fn check(ctx: &mut Context<'_>) {
    check_brief_length(ctx);
    check_byline(ctx);
    check_towns(ctx);
}

/// A brief is the few sentences of 短讯; a longer one crowds the briefs column.
fn check_brief_length(ctx: &mut Context<'_>) {
    let limit = ctx.config.lints.brief_limit;
    let length = ctx.article.char_count;
    if ctx.article.front.kind != Kind::Brief || length <= limit {
        return;
    }
    let at = ctx.key_line("kind").map_or((1, 0), |line| (line, 1));
    let message = msg!("lint-brief-too-long", length = length, limit = limit);
    let hint = msg!("lint-brief-too-long-hint", limit = limit);
    ctx.warn(Lint::BriefTooLong, at, message, hint);
}

/// Every item of the seed page, briefs included, credits someone; an article
/// without a byline is usually one whose credit was lost in editing.
fn check_byline(ctx: &mut Context<'_>) {
    if !ctx.article.front.byline.is_empty() {
        return;
    }
    // At an empty `byline:` if there is one, else on the closing `---`, where one would go.
    let at = match ctx.key_line("byline") {
        Some(line) => (line, 1),
        None => (ctx.body_line.saturating_sub(1).max(1), 1),
    };
    ctx.warn(Lint::NoByline, at, msg!("lint-no-byline"), msg!("lint-no-byline-hint"));
}

/// A town under the wrong district is a misfiled story, or a new town that
/// site.yaml does not know yet. Only districts that list their towns are checked.
fn check_towns(ctx: &mut Context<'_>) {
    let district = ctx.config.district_by_id(ctx.article.front.district);
    if district.towns.is_empty() {
        return;
    }
    let mut warnings = Vec::new();
    for town in ctx.article.front.towns.iter().filter(|t| !district.towns.contains(t)) {
        let at = crate::yaml::value_position(ctx.yaml, "towns", town)
            .map_or((1, 0), |(line, column)| (line + ctx.yaml_line - 1, column));
        let message = msg!("lint-town-not-in-district", town = town, district = &district.name);
        let elsewhere = ctx.config.districts.iter().find(|d| d.towns.contains(town));
        let hint = match (elsewhere, did_you_mean(town, district.towns.iter().map(String::as_str))) {
            (Some(other), _) => msg!(
                "lint-town-not-in-district-elsewhere-hint",
                town = town,
                other = &other.name
            ),
            (None, Some(near)) => msg!("lint-town-not-in-district-near-hint", near = near),
            (None, None) => msg!(
                "lint-town-not-in-district-add-hint",
                town = town,
                district = &district.name
            ),
        };
        warnings.push((at, message, hint));
    }
    for (at, message, hint) in warnings {
        ctx.warn(Lint::TownNotInDistrict, at, message, hint);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{TestArticle, article, article_from, lint_with};
    use super::*;

    fn found(lint: Lint, site: &str, a: &TestArticle) -> Vec<(usize, usize, String, Option<String>)> {
        lint_with(site, a)
            .into_iter()
            .filter(|d| Lint::of(d) == Some(lint))
            .map(|d| (d.line, d.column, d.text(), d.hint_text()))
            .collect()
    }

    #[test]
    fn a_long_brief_is_reported_at_its_kind() {
        let body = "近日，崇明县总工会举办讲座。".repeat(30);
        let a = article("title: 短讯\nkind: brief\n", &body);
        let found = found(Lint::BriefTooLong, "", &a);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0, found[0].1), (3, 1));
        assert_eq!(
            found[0].2,
            "this brief is 420 characters long, over the site's limit of 300 [brief-too-long]"
        );
    }

    #[test]
    fn briefs_within_the_limit_and_long_news_are_fine() {
        let body = "近日，崇明县总工会举办讲座。".repeat(30);
        assert!(found(Lint::BriefTooLong, "", &article("title: 新闻\nkind: news\n", &body)).is_empty());
        let short = article("title: 短讯\nkind: brief\n", "近日，崇明县总工会举办讲座。\n");
        assert!(found(Lint::BriefTooLong, "", &short).is_empty());
        let limited = article("title: 短讯\nkind: brief\n", "近日，崇明县总工会举办讲座。\n");
        assert_eq!(
            found(Lint::BriefTooLong, "lints: { brief_limit: 10 }\n", &limited).len(),
            1
        );
    }

    #[test]
    fn no_byline_is_reported_where_one_would_go() {
        let a = article_from("---\ntitle: 标题\ndate: 2013-11-04\ndistrict: 金山区\n---\n正文。\n");
        let found = found(Lint::NoByline, "", &a);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].0, found[0].2.as_str()),
            (5, "the article credits nobody: it has no byline [no-byline]")
        );
        let empty = article_from("---\ntitle: 标题\nbyline: []\ndate: 2013-11-04\ndistrict: 金山区\n---\n正文。\n");
        assert_eq!(found_lines(Lint::NoByline, &empty), [3]);
        assert!(found_lines(Lint::NoByline, &article("title: 标题\n", "正文。\n")).is_empty());
    }

    fn found_lines(lint: Lint, a: &TestArticle) -> Vec<usize> {
        found(lint, "", a).into_iter().map(|f| f.0).collect()
    }

    #[test]
    fn a_town_outside_its_district() {
        let a = article("title: 标题\ntowns: [枫泾镇, 洞泾镇, 新浜镇, 枫径镇]\n", "正文。\n");
        let found = found(Lint::TownNotInDistrict, "", &a);
        let summary: Vec<(usize, usize, &str, &str)> = found
            .iter()
            .map(|(l, c, m, h)| (*l, *c, m.as_str(), h.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    3,
                    14,
                    "洞泾镇 is not one of 金山区's towns in site.yaml [town-not-in-district]",
                    "site.yaml lists 洞泾镇 under 松江区; check the article's district"
                ),
                (
                    3,
                    19,
                    "新浜镇 is not one of 金山区's towns in site.yaml [town-not-in-district]",
                    "if 新浜镇 is in 金山区, add it to the district's `towns:` in site.yaml"
                ),
                (
                    3,
                    24,
                    "枫径镇 is not one of 金山区's towns in site.yaml [town-not-in-district]",
                    "did you mean 枫泾镇?"
                ),
            ]
        );
    }

    #[test]
    fn districts_without_towns_are_not_checked() {
        let a = article("title: 标题\ndistrict: 崇明区\ntowns: [城桥镇]\n", "正文。\n");
        assert!(found(Lint::TownNotInDistrict, "", &a).is_empty());
        let a = article("title: 标题\ntowns: [枫泾镇]\n", "正文。\n");
        assert!(found(Lint::TownNotInDistrict, "", &a).is_empty());
    }

    #[test]
    fn town_warnings_in_chinese() {
        use crate::i18n::Lang;
        let a = article("title: 标题\ntowns: [新浜镇, 枫径镇]\n", "正文。\n");
        let shown: Vec<String> = lint_with("", &a)
            .iter()
            .filter(|d| Lint::of(d) == Some(Lint::TownNotInDistrict))
            .map(|d| d.render(Lang::Zh))
            .collect();
        assert_eq!(
            shown,
            [
                "content/2013/11/test.md:3:9: 警告：站点设置（site.yaml）里，金山区下面没有新浜镇 [town-not-in-district]\n  \
                 提示：如果新浜镇确实属于金山区，请在站点设置（site.yaml）里把它加到这个区的 `towns:` 中",
                "content/2013/11/test.md:3:14: 警告：站点设置（site.yaml）里，金山区下面没有枫径镇 [town-not-in-district]\n  \
                 提示：是不是想写枫泾镇？",
            ]
        );
    }
}
