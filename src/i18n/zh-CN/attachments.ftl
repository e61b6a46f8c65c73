# 附件：文章带的文件。

# 链接文章旁边的文件。
attach-missing = 链接 { $link } 找不到文件（找的是 content/{ $target }）
attach-missing-near-hint = 可能是想链接 { $near }？
attach-missing-files-hint = { $folder } 里有 { $count } 个文件：{ $files }；链接的路径从本文章所在的文件夹算起
attach-missing-address-hint = 要链接网站，请写完整的网址：https://{ $address }
attach-missing-hint = 把文件放进本文章所在的文件夹，或者改正文件名；链接的路径从本文章所在的文件夹算起
attach-symlink = 链接 { $link } 指向一个快捷方式（符号链接），快捷方式不会发布
attach-symlink-hint = 把文件本身复制到文章所在的文件夹里
attach-active = 链接 { $link } 指向网页或脚本文件，content/ 里的网页和脚本不会发布
attach-active-hint = 要原样发布，请放到 static/ 文件夹里；或者改为链接它的 PDF 版本
attach-active-not-published = 文章文件夹里的网页或脚本文件不会发布
attach-same-name = 链接 { $link } 会在页面旁边发布 { $name }，但那里已经有 { $other } 用了这个名字
attach-same-name-hint = 给其中一个文件改个名字
