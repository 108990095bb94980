<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About Reviewer</source>
            <translation>关于专家评审</translation>
        </message>
        <message>
            <source>Offline scoring of application bundles for expert review panels. Bundles are checked against the review organization's seal; score sheets are signed with your own key. Nothing leaves this computer except the score package you export.

Chinese font: WenQuanYi Micro Hei (Apache License 2.0).</source>
            <translation>供评审专家离线评分的申报材料评审工具。材料包须通过评审组织机构的签章校验后方可查看；评分表以您本人的密钥签名。除您导出的评分包外，任何数据都不会离开本机。

中文字体：文泉驿微米黑（Apache License 2.0）。</translation>
        </message>
        <message>
            <source>Version {version} · Qt {qt} · PySide6 {pyside}</source>
            <translation>版本 {version} · Qt {qt} · PySide6 {pyside}</translation>
        </message>
    </context>
    <context>
        <name>Crash</name>
        <message>
            <source>Something unexpected went wrong. Everything you entered up to now is saved.

The details were written to:
{log_file}

If this happens again, please send that file to the review organization.</source>
            <translation>程序遇到意外问题。您此前录入的全部内容均已保存。

详细信息已写入：
{log_file}

如再次出现，请将该文件发送给评审组织机构。</translation>
        </message>
        <message>
            <source>Unexpected problem</source>
            <translation>意外问题</translation>
        </message>
    </context>
    <context>
        <name>EmptyLibrary</name>
        <message>
            <source>No application bundles yet</source>
            <translation>还没有评审材料包</translation>
        </message>
        <message>
            <source>The review organization gives you a sealed application bundle (a file ending in .rvb), usually on a USB stick. Click “Open bundle…” below, or drag the file into this window. The app checks the organization's seal before anything is shown.</source>
            <translation>评审组织机构会向您提供已加密签章的申报材料包（扩展名为 .rvb 的文件），通常存放在U盘中。请点击下方的“打开材料包…”，或将文件拖入本窗口。程序会先校验组织机构的签章，再显示任何内容。</translation>
        </message>
        <message>
            <source>Open bundle…</source>
            <translation>打开材料包…</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>The signature file is damaged or is not a signature.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signature does not match the content.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The content was signed by a certificate that is not trusted: {fingerprint}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signature uses a method this app does not accept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signature does not say which certificate made it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The passphrase is wrong.</source>
            <translation>口令不正确。</translation>
        </message>
        <message>
            <source>The file {file} does not exist.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file {file} cannot be read: {reason}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file {file} is too large to be {what}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The key file {file} is damaged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The key file {file} holds a kind of key this app does not use.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The certificate file {file} is damaged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the name of the organization.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An organization key already exists in {folder}. It was not replaced.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter a passphrase.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use at least 10 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mix different kinds of characters, such as letters, digits and symbols, or use at least 20 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This passphrase is too common. Choose one that others would not guess.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not use your name, phone number or email address in the passphrase.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Avoid repeated characters, sequences such as 1234 or abcd, and keyboard patterns such as qwerty.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This data was saved by a newer version of the app (data version {found}, this app knows up to {known}). Please install the newer version; nothing was changed.</source>
            <translation>这些数据由更新版本的程序保存（数据版本 {found}，本程序最高支持 {known}）。请安装新版本；数据未作任何改动。</translation>
        </message>
        <message>
            <source>The app's data file {path} cannot be read: {reason}.</source>
            <translation>无法读取程序数据文件 {path}：{reason}。</translation>
        </message>
    </context>
    <context>
        <name>HomePage</name>
        <message>
            <source>Application bundles</source>
            <translation>评审材料包</translation>
        </message>
    </context>
    <context>
        <name>Jobs</name>
        <message>
            <source>Something unexpected went wrong. Your data is safe; the details were written to the log file.</source>
            <translation>发生意外问题。您的数据安全无损，详细信息已写入日志文件。</translation>
        </message>
    </context>
    <context>
        <name>Library</name>
        <message>
            <source>Application</source>
            <translation>申报项目</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>申报单位</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>评审阶段</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>截止时间</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>进度</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Expert Review</source>
            <translation>专家评审</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>设置(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;Open bundle…</source>
            <translation>打开材料包(&amp;O)…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;About</source>
            <translation>关于(&amp;A)</translation>
        </message>
        <message>
            <source>Ready. Your data is kept in {folder}</source>
            <translation>就绪。您的数据保存在 {folder}</translation>
        </message>
        <message>
            <source>Cannot open your data</source>
            <translation>无法打开您的数据</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>The translation for {language} is missing from this installation.</source>
            <translation>本安装缺少 {language} 的翻译文件。</translation>
        </message>
        <message>
            <source>Open bundle</source>
            <translation>打开材料包</translation>
        </message>
        <message>
            <source>Application bundles (*.rvb)</source>
            <translation>评审材料包 (*.rvb)</translation>
        </message>
        <message>
            <source>“{name}” is not an application bundle. Bundles end in .rvb.</source>
            <translation>“{name}”不是评审材料包。材料包文件的扩展名为 .rvb。</translation>
        </message>
        <message>
            <source>The file “{name}” cannot be found.</source>
            <translation>找不到文件“{name}”。</translation>
        </message>
        <message>
            <source>Cannot open</source>
            <translation>无法打开</translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <source>Cannot start</source>
            <translation>无法启动</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <source>Not started</source>
            <translation>未开始</translation>
        </message>
        <message>
            <source>In review</source>
            <translation>评审中</translation>
        </message>
        <message>
            <source>Signed</source>
            <translation>已签署</translation>
        </message>
        <message>
            <source>Exported</source>
            <translation>已导出</translation>
        </message>
        <message>
            <source>Recused</source>
            <translation>已回避</translation>
        </message>
    </context>
</TS>