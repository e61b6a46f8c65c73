//! `image-no-alt` and `link-empty-text`: a picture that tells a reader who
//! cannot see it nothing, and a link with no words to click.
//!
//! The lead picture of the front matter passes with a caption or alt text
//! (themes use the caption when alt text is missing); a picture in the body
//! needs alt text (`![演练现场](drill.jpg)`). A link that holds a picture is
//! named by the picture, so only the picture is checked.

use super::text::Body;
use super::{Context, Lint};
use crate::msg;

pub(super) fn check(ctx: &mut Context<'_>, body: &Body) {
    check_lead_picture(ctx);
    let mut warnings = Vec::new();
    for image in body.images.iter().filter(|i| i.text.trim().is_empty()) {
        warnings.push((
            Lint::ImageNoAlt,
            ctx.body_position(image.offset),
            msg!("lint-image-no-alt", src = &image.destination),
            msg!("lint-image-no-alt-hint", src = &image.destination),
        ));
    }
    for link in body.links.iter().filter(|l| l.text.trim().is_empty() && !l.has_image) {
        warnings.push((
            Lint::LinkEmptyText,
            ctx.body_position(link.offset),
            msg!("lint-link-empty-text", url = &link.destination),
            msg!("lint-link-empty-text-hint", url = &link.destination),
        ));
    }
    for (lint, at, message, hint) in warnings {
        ctx.warn(lint, at, message, hint);
    }
}

fn check_lead_picture(ctx: &mut Context<'_>) {
    let Some(image) = &ctx.article.front.image else {
        return;
    };
    let said = |text: &Option<String>| text.as_deref().is_some_and(|t| !t.trim().is_empty());
    if said(&image.alt) || said(&image.caption) {
        return;
    }
    let at = ctx.key_line("image").map_or((1, 0), |line| (line, 1));
    let message = msg!("lint-image-no-alt-lead", src = &image.src);
    let hint = msg!("lint-image-no-alt-lead-hint", src = &image.src);
    ctx.warn(Lint::ImageNoAlt, at, message, hint);
}

#[cfg(test)]
mod tests {
    use super::super::tests::{article, lint_with};
    use super::*;

    fn found(front: &str, body: &str) -> Vec<(&'static str, usize, usize, String)> {
        lint_with("", &article(front, body))
            .into_iter()
            .filter_map(|d| {
                let lint = Lint::of(&d).filter(|l| matches!(l, Lint::ImageNoAlt | Lint::LinkEmptyText))?;
                Some((lint.id(), d.line, d.column, d.text()))
            })
            .collect()
    }

    #[test]
    fn pictures_without_alt_text() {
        assert_eq!(
            found("title: 标题\n", "演练现场：\n\n![](drill.jpg)\n"),
            [(
                "image-no-alt",
                9,
                1,
                "the picture drill.jpg has no alt text [image-no-alt]".to_string()
            )]
        );
        assert_eq!(found("title: 标题\n", "见![ ](a.jpg \"标题\")。\n").len(), 1);
        assert!(found("title: 标题\n", "![演练现场](drill.jpg)\n").is_empty());
    }

    #[test]
    fn the_lead_picture_needs_a_caption_or_alt_text() {
        let found_lead = found("title: 标题\nimage: { src: drill.jpg, credit: 卢连明 }\n", "正文。\n");
        assert_eq!(
            found_lead,
            [(
                "image-no-alt",
                3,
                1,
                "the picture drill.jpg has neither alt text nor a caption [image-no-alt]".to_string()
            )]
        );
        assert!(
            found(
                "title: 标题\nimage: { src: drill.jpg, caption: 演练现场 }\n",
                "正文。\n"
            )
            .is_empty()
        );
        assert!(found("title: 标题\nimage: { src: drill.jpg, alt: 消防演练 }\n", "正文。\n").is_empty());
    }

    #[test]
    fn links_without_text() {
        assert_eq!(
            found("title: 标题\n", "详见区政府网站[](https://example.org/)。\n"),
            [(
                "link-empty-text",
                7,
                8,
                "the link to https://example.org/ has no text to click [link-empty-text]".to_string()
            )]
        );
        assert_eq!(found("title: 标题\n", "详见[  ](other.md)。\n").len(), 1);
        for body in [
            "详见[区政府网站](https://example.org/)。\n",
            "详见<https://example.org/>。\n",
            "详见[`代码`](https://example.org/)。\n",
            "[![演练](a.jpg)](big.jpg)\n",
        ] {
            assert!(found("title: 标题\n", body).is_empty(), "{body}");
        }
        // A linked picture without alt text is reported once, as a picture.
        let linked = found("title: 标题\n", "[![](a.jpg)](big.jpg)\n");
        assert_eq!(linked.iter().map(|f| f.0).collect::<Vec<_>>(), ["image-no-alt"]);
    }

    #[test]
    fn pictures_and_links_in_chinese() {
        use crate::i18n::Lang;
        let found = lint_with(
            "",
            &article("title: 标题\n", "![](drill.jpg)\n\n详见[](https://example.org/)。\n"),
        );
        assert_eq!(
            found.iter().map(|d| d.render(Lang::Zh)).collect::<Vec<_>>(),
            [
                "content/2013/11/test.md:7:1: 警告：图片 drill.jpg 没有替代文字 [image-no-alt]\n  \
                 提示：在方括号里写明图片内容，方便看不到图片的读者，比如：![演练现场](drill.jpg)",
                "content/2013/11/test.md:9:3: 警告：指向 https://example.org/ 的链接没有文字，读者没有地方可点 [link-empty-text]\n  \
                 提示：在方括号里写上读者要点的文字，比如：[区政府网站](https://example.org/)",
            ]
        );
    }
}
