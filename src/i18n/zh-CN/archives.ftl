# 按月、按年的文章归档。

# 网址名会让文章落在本月归档的翻页地址上。
archive-slug-page = 网址 /{ $url } 是 { $year }年{ $month }月文章归档的翻页地址（/{ $url }2/ 等），文章的网址名不能是 `page`
archive-slug-page-hint = 给这篇文章换一个网址名：改写 `slug:` 项
archive-slug-page-file-hint = 这个网址来自文件名：给这篇文章加上自己的网址名（`slug:` 项），或者给文件改个名字

# 报错时对归档页面的称呼（旧地址与它冲突时）。
archive-page-month = { $year }年{ $month }月的文章归档
archive-page-year = { $year }年的文章归档
