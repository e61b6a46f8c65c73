# jianbao serve：启动、重新生成，以及生成失败时显示的提示。

serve-port-in-use = { $bind } 上的端口 { $port } 已被占用
serve-port-in-use-hint = 先关掉另一个预览服务，或用 --port N 换一个端口
serve-cannot-listen = 无法在 { $bind }:{ $port } 上监听：{ $error }
serve-cannot-watch = 无法监视站点文件的改动：{ $error }
serve-cannot-start = 无法启动预览服务：{ $error }
