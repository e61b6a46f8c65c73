# jianbao serve：启动、重新生成，以及生成失败时显示的提示。

serve-port-in-use = { $bind } 上的端口 { $port } 已被占用
serve-port-in-use-hint = 先关掉另一个预览服务，或用 --port N 换一个端口
serve-cannot-listen = 无法在 { $bind }:{ $port } 上监听：{ $error }
serve-cannot-watch = 无法监视站点文件的改动：{ $error }
serve-cannot-start = 无法启动预览服务：{ $error }

# 预览时终端里显示的话。
serve-serving = 正在 { $url } 预览 { $root }（按 Ctrl-C 停止）
serve-cannot-open-browser = 无法打开浏览器：{ $error }
serve-stopped = 已停止
serve-rebuilt = 已重新生成，用时 { $ms } 毫秒：生成 { $rendered } 个页面，改动 { $changed } 个文件，删除 { $removed } 个
serve-rebuild-failed = 重新生成失败（用时 { $ms } 毫秒）；预览仍显示上次成功生成的页面
serve-previewed = 已先更新打开的页面，用时 { $ms } 毫秒：改动 { $changed } 个文件
serve-search-updated = 搜索索引已更新，用时 { $ms } 毫秒：改动 { $changed } 个文件
serve-warnings-as-before = 另有 { $count } 条警告与上次相同，不再重复显示；运行 `jianbao check` 可列出全部

# 页面上的话：重新生成失败时盖在页面上的提示条，以及没有 404.html 时找不到的页面。
serve-overlay-title = jianbao：构建失败，现在显示的仍是上次成功生成的页面；改好文件、保存即可
serve-not-found = 找不到这个页面

# The button on an article or edition that has a WeChat copy.
serve-copy-wechat = 复制到公众号
serve-copied-wechat = 已复制，到公众号编辑器里粘贴即可
serve-copy-wechat-failed = 没能复制：浏览器不允许写入剪贴板
