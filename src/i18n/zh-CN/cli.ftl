# 各命令结束时的报告。

check-summary = { $errors } 处错误，{ $warnings } 处警告
build-summary = 已生成 { $pages } 个页面（{ $articles } 篇文章，{ $static_files } 个静态文件；{ $changed }），用时 { $ms } 毫秒 → { $output }
build-nothing-changed = 没有文件改动
build-all-written = 全部写出
build-some-written = 写出 { $count } 个
build-failed = 构建失败，共 { $count } 处错误；{ $output } 保持原样，未被改动
new-written = 已写好 { $path }（草稿：用 `jianbao serve --drafts` 预览）
file-written = 已写好 { $path }
init-ready = 新站点已建好；用 `jianbao build --root { $dir }` 生成
theme-exported = 内置主题已写到 { $dir }（{ $count } 个文件）
theme-exported-how = site.yaml 写着 `theme: default` 的站点现在使用这份副本：修改其中的 templates/ 和 static/ 即可
new-list-split = { $option } { $value }：已在“{ $separator }”处分成 { $parts }

# 构建略过的：草稿和定时发布的文章。
left-out = { $what }未发布；加 { $flags } 可预览
left-out-both = { $drafts }、{ $scheduled }
left-out-drafts = { $count } 篇草稿
left-out-scheduled = { $count } 篇定时（{ $dates }）
left-out-date = { $month }月{ $day }日 { $time }
left-out-more = …
