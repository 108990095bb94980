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
        <name>CardPage</name>
        <message>
            <source>Your enrolment card</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the card, for example on a USB stick, and give it to the review organization. It holds only public information. You can save it again later from Settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save enrolment card…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Card not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved:
{json}
{pdf}

Print the PDF if the organization asks for a signed copy.</source>
            <translation type="unfinished" />
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
        <name>CreatePage</name>
        <message>
            <source>Making your keys</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Making your signing key and encryption key. This takes a few seconds…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your keys are ready. This is your fingerprint; the organization will compare it with your card:</source>
            <translation type="unfinished" />
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
        <name>Enrolment</name>
        <message>
            <source>enrolment-card-{name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folder for the enrolment card</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>EnrolmentWizard</name>
        <message>
            <source>Set up your expert identity</source>
            <translation type="unfinished" />
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
        <message>
            <source>This bundle uses format version {version}, which this version of the app cannot read; please update the app.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The rubric in this bundle is not valid: {problem} ({count} problem(s) in all).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file {member} was changed after the organization sealed the bundle.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{file} is a folder, not a bundle file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle file {file} cannot be read: {reason}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{file} is not a regular file, so it cannot be a bundle.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle has no {member}, so nobody can tell whether the organization sealed it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The members of the bundle are not in the order the organization wrote them; the file was rearranged after sealing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle member {member} is {size} bytes long, more than the {limit} bytes such a member may have.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle file is shorter than its own table of contents says; it may have been cut off while copying.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file {member} in this bundle is malformed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle contains the member {member}, which is not listed in SHA256SUMS: it was added after the organization sealed the bundle.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The member {member} listed in SHA256SUMS is missing from the bundle.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The ZIP checksum of {member} was changed after the organization sealed the bundle.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle is missing the member {member}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file {member} was changed after the bundle was checked.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>bundle.json names the organization certificate {named}, but the bundle was signed with {signer}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The member table in bundle.json does not match the members of the bundle.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle was sealed for nobody: it names no expert and no session passphrase.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This bundle can only be opened from {valid_from} to {valid_until}; that time has not come yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This bundle could only be opened from {valid_from} to {valid_until}; that time is over.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This bundle can only be opened with the session passphrase the organization announces.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This bundle was not sealed for you: your certificate fingerprint {fingerprint} is not among its {count} recipient(s).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your key does not open {member}, although the bundle lists you as a recipient.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This bundle cannot be opened with a session passphrase; open it with your own identity.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The session passphrase is wrong for this bundle.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle key is damaged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file {member} cannot be decrypted with this bundle's key.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The inner manifest does not agree with bundle.json about the {what}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The inner manifest lists a material id twice.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The material {title} has an impossible size.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The document "{title}" ({member}) does not match the digest the organization recorded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The review window in review.toml already ended on {date}; change valid_until before sealing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name at least one enrolled expert or a session passphrase; otherwise nobody could open the bundle.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The same expert is listed twice among the recipients.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The material {file} is larger than 2 GiB, which a bundle cannot carry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No organization certificate is trusted yet, so the bundle cannot be checked; import the organization's certificate first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This bundle was sealed by an organization you have not confirmed (certificate fingerprint {fingerprint}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file {member} does not match the organization's signature: it was changed after the organization sealed the bundle.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signature {member} uses a method this app does not accept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signature {member} is damaged or was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The source folder has {count} problem(s); the first: {first}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>review.toml has an unknown setting "{key}".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>review.toml has format_version {version}; this toolkit reads version 1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>[review] has an unknown setting "{key}".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>[application] has an unknown setting "{key}".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{file} cannot be read: {reason}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{file} is too large.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{file} is not UTF-8 text.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{file} is not valid TOML: {detail}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>review.toml needs a [{key}] table.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"{key}" in {where} must be a non-empty text.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>utc_offset in [review] must look like "+08:00".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>[review] needs valid_from and valid_until as dates or date-times, e.g. 2025-12-01 or 2025-12-01T09:00:00+08:00.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The review window ends ({end}) before it starts ({start}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>review.toml lists no [[materials]].</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>review.toml lists {count} materials; a bundle holds at most 998.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The material id "{id}" is used more than once.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{where} must be a table with file and title.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{where} has an unknown setting "{key}".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{where} needs a file and a title.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The material file {file} is outside the source folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The material file {file} does not exist.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The material file {file} is not of a kind the app can show; use {allowed}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The material file {file} is not really {media_type}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{where} has an id that is not valid.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The {document} in this bundle is malformed ({detail}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle contains a member with an absolute path, {name}, which could write outside its folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle contains a member named {name}, whose ".." could write outside its folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle contains a member named {name} with a backslash, which is not allowed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle contains a member with a name that is not allowed: {name}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This file is not a review bundle (it is not a ZIP archive).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle has {count} unexpected bytes after its end.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle has {count} members, which no bundle has.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle file is incomplete: its end is missing, so it may have been cut off while copying.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle's table of contents is damaged or was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle contains the member {name} more than once.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle member {name} is a link, which a bundle may not contain.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle member {name} uses ZIP encryption, which bundles never do.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle member {name} is compressed; the organization stores every member uncompressed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle member {name} claims to be {size} bytes long, more than the whole file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The table-of-contents entry of {name} was changed after the organization sealed the bundle.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The ZIP header of {name} was changed after the organization sealed the bundle.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file is larger than 4 GiB, which no bundle is.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle member {name} claims to be {size} bytes long, more than the file holds.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle has {count} unexplained bytes before its table of contents.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle has {count} unexplained bytes before the member {name}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bundle member {name} overlaps the member before it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The identity files in {folder} are damaged or incomplete.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The expert details are not in the expected form.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter your name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter your field of expertise.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The {item} is too long.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The {item} contains characters that are not allowed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The phone number {phone} does not look right.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The email address {email} does not look right.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An identity already exists in {folder}. It was not replaced.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No identity has been created yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The new passphrase is the same as the old one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your name and affiliation are part of your certificate and cannot be changed. To change them, create a new identity and enrol it with the organization again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This file is not an enrolment card.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The enrolment card is damaged or was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This enrolment card was made by a newer version of the app.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The certificate on the enrolment card uses a kind of key this app does not accept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The certificate on the enrolment card expired on {date}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file is too large to be an enrolment card.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The enrolment card {file} cannot be read: {reason}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The fingerprint on the enrolment card does not match its certificate.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The name on the enrolment card does not match its certificate.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The card file {file} changed while it was read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The card's fingerprint {actual} is not the one the expert announced ({expected}); it was not enrolled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No expert with fingerprint {fingerprint} is in the roster; enrol the expert's card first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The roster entry {file} was changed: its certificate no longer matches its name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The review definition has {count} problem(s): {first}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{where} must be a table of settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{where} is missing "{key}".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"{key}" in {where} must be a list.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"{key}" in {where} must be text.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"{key}" in {where} must be a list of texts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"{key}" in {where} must be a number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"{key}" in {where} must be a whole number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"value" in {where} must be text or a number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The comment rule in {where} must be one of {allowed}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The review definition has no rubric.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Field "{id}" has no title.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The review definition lists no expert fields.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fact "{key}" has no label.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The {name} declaration is empty.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The {kind} id "{id}" is not valid: use 1 to 64 letters, digits, '.', '_' or '-'.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The {kind} id "{id}" is used {count} times.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The rubric total must be more than 0.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The rubric has no sections.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The section maxima add up to {sum}, but the rubric total is {total}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Veto item "{id}" has no title.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recommendation "{id}" has no title.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The minimum opinion length cannot be negative.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Section "{id}" has no title.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Section "{id}" has no criteria.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The criteria of section "{id}" add up to {sum}, but the section maximum is {maximum}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Section "{id}" names the unknown field "{field}".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Criterion "{id}" has no title.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Criterion "{id}" has step {step}; the step must be 1 or 0.5.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Criterion "{id}" has maximum {maximum}, which is not a positive multiple of its step {step}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Criterion "{id}" names no field of experts who score it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Criterion "{id}" names the unknown field "{field}".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Criterion "{id}" has a missing or repeated band label "{label}".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Band "{label}" of criterion "{id}" ({min}–{max}) is not a range of scores between 0 and {maximum}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bands of criterion "{id}" have a {kind} at {score}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bands of criterion "{id}" end at {end}, not at its maximum {maximum}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Criterion "{id}" gives a comment threshold, but its comment rule is "{rule}".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Criterion "{id}" needs a comment threshold between 0 and its maximum {maximum}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checklist item "{id}" needs a section and a title.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checklist item "{id}" needs a list of distinct, non-empty results.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checklist item "{id}" requires a note for "{result}", which is not one of its results.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checklist item "{id}" expects evidence "{kind}"; use {allowed}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checklist item "{id}" refers to the unknown fact "{key}".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This file is not a certificate, or it is damaged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file holds more than one certificate. Import one at a time.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This certificate uses a kind of key this app does not accept (it needs ECDSA P-256 with SHA-256).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This certificate expired on {date}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This certificate is valid only from {date}. Check the computer's date.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{fingerprint} is not a certificate fingerprint.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The trusted certificate file {file} is damaged. Remove it and import the organization's certificate again.</source>
            <translation type="unfinished" />
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
        <name>IdentityDialog</name>
        <message>
            <source>Identity and trust</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>My identity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trusted organizations</source>
            <translation type="unfinished" />
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
            <source>&amp;Identity and trust…</source>
            <translation type="unfinished" />
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
        <name>Passphrase</name>
        <message>
            <source>Very weak</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Weak</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fair</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Good</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Strong</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PassphraseFields</name>
        <message>
            <source>Passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Repeat it:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Strength:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The two entries are not the same.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a passphrase of at least 10 characters that others cannot guess. It protects your signing key; nobody can recover it for you.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>✓ Good passphrase.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PassphrasePage</name>
        <message>
            <source>Your passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You will type it whenever you open a bundle or sign a score sheet.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PassphraseTab</name>
        <message>
            <source>Change passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Current passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your passphrase was changed.</source>
            <translation>口令已更改。</translation>
        </message>
    </context>
    <context>
        <name>PinOrganizationDialog</name>
        <message>
            <source>Trust this organization?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare the fingerprint below, group by group, with the one the review organization announced to you (on paper, by phone or at the session). Trust the certificate only if every group is the same.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organization:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Certificate name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Valid:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fingerprint (SHA-256):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>I compared every group and the fingerprint is the same as announced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trust</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ProfilePage</name>
        <message>
            <source>Your details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>They appear on your enrolment card and on every score sheet you sign.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Field of expertise:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organization you work for:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Professional title:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Phone:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Email (optional):</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ProfileTab</name>
        <message>
            <source>Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Field of expertise:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organization you work for:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Professional title:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Phone:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Email:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fingerprint (SHA-256):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Certificate valid until:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save enrolment card again…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Card not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Card saved</source>
            <translation type="unfinished" />
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
    <context>
        <name>TrustPage</name>
        <message>
            <source>Trust the review organization</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import the certificate the review organization gave you. The app opens only bundles sealed by organizations you trust. You can also do this later from Settings.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TrustedOrganizations</name>
        <message>
            <source>Add organization certificate…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No organization is trusted yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organization certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the file is far too large for a certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file cannot be read: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove organization</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop trusting this organization? Bundles it sealed will no longer open.

{name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot use this certificate</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>UnlockDialog</name>
        <message>
            <source>Enter your passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Please try again.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>Welcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Before your first review, the app makes your personal signing key on this computer. It takes a few minutes:

1. Enter your details as the review organization knows them.
2. Choose a passphrase. It protects your key; it is never stored and nobody can recover it.
3. Save your enrolment card and give it to the review organization.
4. Import the organization's certificate and compare its fingerprint.

Nothing is sent anywhere: this app never uses the network.</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>