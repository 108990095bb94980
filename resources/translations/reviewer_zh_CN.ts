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
        <source>Offline scoring of application bundles for expert review panels. Bundles are checked against the review organization&apos;s seal; score sheets are signed with your own key. Nothing leaves this computer except the score package you export.

Chinese font: WenQuanYi Micro Hei (Apache License 2.0).</source>
        <translation>供评审专家离线评分的申报材料评审工具。材料包须通过评审机构的签章校验后方可查看；评分表以您本人的密钥签名。除您导出的评分包外，任何数据都不会离开本机。

中文字体：文泉驿微米黑（Apache License 2.0）。</translation>
    </message>
    <message>
        <source>Version {version} · Qt {qt} · PySide6 {pyside}</source>
        <translation>版本 {version} · Qt {qt} · PySide6 {pyside}</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>Answer with my &amp;amended score sheet:</source>
        <translation>以我修订后的评分表答复(&amp;A)：</translation>
    </message>
    <message>
        <source>Revision {number} — {reason}</source>
        <translation>第 {number} 版 — {reason}</translation>
    </message>
    <message>
        <source>&amp;Keep my scores, with this justification:</source>
        <translation>维持原分，并作如下说明(&amp;K)：</translation>
    </message>
    <message>
        <source>Why the score stands (required; signed with your key)</source>
        <translation>维持评分的理由（必填，以您的密钥签名）</translation>
    </message>
    <message>
        <source>To change a score: on the “Sign and export” tab choose “Amend…”, change it, sign again and export the package; then answer here with that revision.</source>
        <translation>如需修改评分：在“签署与导出”页选择“修订…”，修改后重新签名并导出评分包，再在此以该版本答复。</translation>
    </message>
    <message>
        <source>Give the leader the amended package too (exported from the “Sign and export” tab).</source>
        <translation>请同时将修订后的评分包（在“签署与导出”页导出）交给组长。</translation>
    </message>
    <message>
        <source>{leader} asks you to re-check {criteria}: {question}</source>
        <translation>{leader} 请您复核 {criteria}：{question}</translation>
    </message>
    <message>
        <source>Answer the re-check</source>
        <translation>答复复核</translation>
    </message>
</context>
<context>
    <name>AssignBar</name>
    <message>
        <source>Move the selected to:</source>
        <translation>将所选文件移至：</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>(not placed on an item)</source>
        <translation>（不归入任何考察项）</translation>
    </message>
</context>
<context>
    <name>BundleOpener</name>
    <message>
        <source>Checking the organization&apos;s seal on “{name}”…</source>
        <translation>正在校验“{name}”的评审机构签章…</translation>
    </message>
    <message>
        <source>Checking the stored bundle…</source>
        <translation>正在校验已保存的材料包…</translation>
    </message>
    <message>
        <source>Before you open a bundle, set up your expert identity.</source>
        <translation>打开材料包之前，请先设置您的专家身份。</translation>
    </message>
    <message>
        <source>You do not trust any review organization yet. Import the organization&apos;s certificate first (Settings › Identity and trust), comparing its fingerprint with the one announced.</source>
        <translation>您尚未信任任何评审机构。请先导入评审机构的证书（设置 › 身份与信任），并将其指纹与评审机构公布的指纹逐一核对。</translation>
    </message>
    <message>
        <source>This bundle was sealed for your previous identity, which you replaced, so it cannot be opened any more. Ask the review organization for a new bundle of this application, sealed for your new enrolment card; when you open it, the app offers to carry over the work you already entered.</source>
        <translation>此材料包是为您之前的身份封装的，您已更换身份，因此它无法再打开。请向评审机构索取为您的新注册卡封装的该项目新材料包；打开新材料包时，程序会提示将您已录入的内容转入。</translation>
    </message>
    <message>
        <source>This bundle was not sealed for you, and it cannot be opened with a session passphrase. Ask the review organization.</source>
        <translation>此材料包不是为您封装的，也不能用评审会口令打开。请联系评审机构。</translation>
    </message>
    <message>
        <source>Opening the bundle…</source>
        <translation>正在打开材料包…</translation>
    </message>
    <message>
        <source>You already started reviewing “{title}” with your previous identity (bundle {file}, imported {date}): {scores} criteria scored, {comments} comments, {notes} defense notes, {checklist} checklist results.

Carry this work over to the new bundle? Carried over: scores, comments, veto items, defense notes, opinion, recommendation and the inspection record. Not carried over: your declarations (you confirm them again) and {evidence} inspection photo(s) or document(s), which are encrypted with your previous key: import them again from the originals.</source>
        <translation>您已用之前的身份开始评审“{title}”（材料包 {file}，导入于 {date}）：已评分 {scores} 项，评语 {comments} 条，答辩记录 {notes} 条，考察结果 {checklist} 项。

是否将这些内容转入新材料包？可以转入：分数、评语、否决项、答辩记录、评审意见、推荐意见和考察记录。不能转入：您的声明与承诺（需重新确认），以及 {evidence} 个考察照片或文件——它们是用您之前的密钥加密的，请从原始文件重新导入。</translation>
    </message>
    <message>
        <source>Carry over your earlier work?</source>
        <translation>转入之前录入的内容？</translation>
    </message>
    <message>
        <source>Carry it over</source>
        <translation>转入</translation>
    </message>
    <message>
        <source>Start afresh</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Enter your passphrase to open bundles. The app keeps your key unlocked until it closes.</source>
        <translation>请输入口令以打开材料包。在程序关闭之前，您的密钥将保持解锁状态。</translation>
    </message>
    <message>
        <source>Session passphrase</source>
        <translation>评审会口令</translation>
    </message>
    <message>
        <source>This bundle is opened with the passphrase announced at the review session:</source>
        <translation>此材料包需使用评审会上公布的口令打开：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Cannot open the bundle</source>
        <translation>无法打开材料包</translation>
    </message>
</context>
<context>
    <name>CardPage</name>
    <message>
        <source>Your enrolment card</source>
        <translation>您的专家注册卡</translation>
    </message>
    <message>
        <source>Save the card, for example on a USB stick, and give it to the review organization. It holds only public information. You can save it again later from Settings.</source>
        <translation>请保存注册卡（例如存入U盘）并交给评审机构。注册卡只包含可公开的信息。以后也可以在“设置”中再次保存。</translation>
    </message>
    <message>
        <source>Save enrolment card…</source>
        <translation>保存专家注册卡…</translation>
    </message>
    <message>
        <source>Saved:
{json}
{pdf}

Print the PDF if the organization asks for a signed copy.</source>
        <translation>已保存：
{json}
{pdf}

如评审机构要求提供签字的纸质件，请打印其中的 PDF 文件。</translation>
    </message>
    <message>
        <source>Send the review organization:
1. the new card file {card} (the .json file; the PDF is only for printing);
2. this message: “My previous key {old} is no longer usable; please retire it (reviewer-org retire). My new fingerprint is {new}.”;
3. a request for new bundles of the applications you are reviewing. When you open them, the app offers to carry over the work you already entered.
Read the new fingerprint to them by phone or in person, so they can compare it with the card.</source>
        <translation>请向评审机构发送：
1. 新的注册卡文件 {card}（.json 文件；PDF 仅供打印）；
2. 这段话：“我之前的密钥 {old} 已无法使用，请将其停用（reviewer-org retire）。我的新指纹是 {new}。”；
3. 申请为您正在评审的项目重新发送材料包。打开新材料包时，程序会提示将您已录入的内容转入。
请通过电话或当面向评审机构朗读新指纹，以便他们与注册卡核对。</translation>
    </message>
    <message>
        <source>Save your enrolment card first: the organization needs it before it can send you any bundle. (You can save it again later from Settings.)</source>
        <translation>请先保存注册卡：评审机构收到注册卡后才能给您发送材料包。（以后也可以在“设置”中再次保存。）</translation>
    </message>
</context>
<context>
    <name>CosignDialog</name>
    <message>
        <source>{application}
Conclusion: {conclusion}
Panel score: {score}
Strengths: {strengths}
Weaknesses: {weaknesses}
Conditions: {conditions}</source>
        <translation>{application}
专家组结论：{conclusion}
专家组评分：{score}
主要优点：{strengths}
主要问题与不足：{weaknesses}
修改完善要求：{conditions}</translation>
    </message>
    <message>
        <source>Veto rulings: {rulings}</source>
        <translation>否决项裁定：{rulings}</translation>
    </message>
    <message>
        <source>no member raised a veto item</source>
        <translation>无成员提出否决项</translation>
    </message>
    <message>
        <source>Re-checks: {record}</source>
        <translation>复核：{record}</translation>
    </message>
    <message>
        <source>Draft&apos;s SHA-256 (the same on every member&apos;s laptop): {sha256}</source>
        <translation>定稿 SHA-256（各成员电脑上应相同）：{sha256}</translation>
    </message>
    <message>
        <source>I &amp;agree with this group opinion</source>
        <translation>本人同意此专家组意见(&amp;A)</translation>
    </message>
    <message>
        <source>I &amp;dissent (the reason is signed with it)</source>
        <translation>本人不同意（理由与签名一并签署）(&amp;D)</translation>
    </message>
    <message>
        <source>Reason for the dissent (required)</source>
        <translation>不同意的理由（必填）</translation>
    </message>
    <message>
        <source>&amp;Sign with my key</source>
        <translation>以本人密钥签署(&amp;S)</translation>
    </message>
    <message>
        <source>Group opinion to sign (frozen draft {file}):</source>
        <translation>待签署的专家组意见（定稿 {file}）：</translation>
    </message>
    <message>
        <source>Sign the group opinion</source>
        <translation>签署专家组意见</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>确认否决</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>不予认定</translation>
    </message>
    <message>
        <source>{veto} (raised by {raised}): {ruling} — {reason}</source>
        <translation>{veto}（{raised}提出）：{ruling} — {reason}</translation>
    </message>
    <message>
        <source>amended, revision {number}</source>
        <translation>修订评分（第 {number} 版）</translation>
    </message>
    <message>
        <source>score kept, in writing</source>
        <translation>书面说明，维持原分</translation>
    </message>
    <message>
        <source>{name} on {criteria}: {answer}</source>
        <translation>{name}（指标 {criteria}）：{answer}</translation>
    </message>
    <message>
        <source>The signature file could not be written: {reason}</source>
        <translation>签署文件无法写入：{reason}</translation>
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

如再次出现，请将该文件发送给评审机构。</translation>
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
        <translation>正在生成密钥</translation>
    </message>
    <message>
        <source>Making your signing key and encryption key. This takes a few seconds…</source>
        <translation>正在生成您的签名密钥和加密密钥，需要几秒钟…</translation>
    </message>
    <message>
        <source>Applying your corrections to your keys…</source>
        <translation>正在按您的更正更新密钥……</translation>
    </message>
    <message>
        <source>Your keys are ready</source>
        <translation>密钥已生成</translation>
    </message>
    <message>
        <source>This is your fingerprint; the organization will compare it with your card:</source>
        <translation>以下是您的指纹，评审机构将把它与您的注册卡进行核对：</translation>
    </message>
    <message>
        <source>To correct your details or passphrase, go back now: the keys are brought up to date. Once you confirm, they are final (changing the name later takes a new identity).</source>
        <translation>如需更正个人信息或口令，请现在返回上一步：密钥会随之更新。确认之后即不可再改（以后要改姓名须创建新身份）。</translation>
    </message>
    <message>
        <source>You changed your name or affiliation, which are part of your certificate, so your keys were made again. The fingerprint above is new; the earlier one ({old}) is void.</source>
        <translation>您修改了姓名或工作单位，它们写在证书中，因此密钥已重新生成。上面是新的指纹；之前的指纹（{old}）作废。</translation>
    </message>
    <message>
        <source>Your corrections were applied. Your keys and fingerprint stay the same, and the passphrase you entered last is the one that opens them.</source>
        <translation>您的更正已生效。密钥和指纹不变；能打开密钥的是您最后输入的口令。</translation>
    </message>
</context>
<context>
    <name>CriterionPanel</name>
    <message>
        <source>&amp;Score:</source>
        <translation>分数(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>评语(&amp;C)：</translation>
    </message>
    <message>
        <source>Defense notes:</source>
        <translation>答辩记录：</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Score range</source>
        <translation>分值范围</translation>
    </message>
    <message>
        <source>Maximum {maximum} · {allowed} · scored by: {fields}{mine}</source>
        <translation>满分 {maximum} · {allowed} · 评分领域：{fields}{mine}</translation>
    </message>
    <message>
        <source>every member</source>
        <translation>全体成员</translation>
    </message>
    <message>
        <source> (your field)</source>
        <translation>（您的领域）</translation>
    </message>
    <message>
        <source>Grade: {band}</source>
        <translation>等级：{band}</translation>
    </message>
    <message>
        <source>None linked.</source>
        <translation>暂无关联的答辩记录。</translation>
    </message>
    <message>
        <source>Not saved: {saved} still counts.</source>
        <translation>未保存：仍以 {saved} 分计。</translation>
    </message>
    <message>
        <source>Not saved: no score counts yet.</source>
        <translation>未保存：目前尚无有效分数。</translation>
    </message>
    <message>
        <source>A comment is optional.</source>
        <translation>评语为选填项。</translation>
    </message>
</context>
<context>
    <name>DeclarationsPage</name>
    <message>
        <source>Declarations</source>
        <translation>声明与承诺</translation>
    </message>
    <message>
        <source>Before any material of this application is shown, answer the conflict-of-interest declaration and accept the confidentiality pledge. Your answers are recorded with the time and printed on your score sheet.</source>
        <translation>在查看本申报项目的任何材料之前，请先完成回避声明并接受保密承诺。您的选择将连同时间一并记录，并打印在您的评分表上。</translation>
    </message>
    <message>
        <source>Conflict of interest (回避声明)</source>
        <translation>回避声明</translation>
    </message>
    <message>
        <source>The application lists these units (member units, shareholders, partners). Answer for each one whether you have a relation to it (employment, shares, cooperation, family, …) before you declare.</source>
        <translation>申报材料列出了以下单位（成员单位、股东、合作单位）。声明之前，请逐一回答您与该单位是否存在关系（任职、持股、合作、亲属等）。</translation>
    </message>
    <message>
        <source>No relation</source>
        <translation>无关系</translation>
    </message>
    <message>
        <source>A relation:</source>
        <translation>存在关系：</translation>
    </message>
    <message>
        <source>which relation (required)</source>
        <translation>何种关系（必填）</translation>
    </message>
    <message>
        <source>I have no conflict of interest with this application</source>
        <translation>本人与该申报项目不存在需要回避的利害关系</translation>
    </message>
    <message>
        <source>I have a conflict of interest and withdraw from this review</source>
        <translation>本人与该申报项目存在利害关系，申请回避本次评审</translation>
    </message>
    <message>
        <source>Describe the conflict (required)</source>
        <translation>请说明需要回避的情况（必填）</translation>
    </message>
    <message>
        <source>Confidentiality pledge (保密承诺)</source>
        <translation>保密承诺</translation>
    </message>
    <message>
        <source>I accept the confidentiality pledge</source>
        <translation>本人接受保密承诺</translation>
    </message>
    <message>
        <source>Withdraw from this review</source>
        <translation>回避本次评审</translation>
    </message>
    <message>
        <source>Confirm and start the review</source>
        <translation>确认并开始评审</translation>
    </message>
    <message>
        <source>Describe the conflict of interest before withdrawing.</source>
        <translation>申请回避前，请说明需要回避的情况。</translation>
    </message>
    <message>
        <source>Answer the conflict-of-interest declaration first.</source>
        <translation>请先完成回避声明。</translation>
    </message>
    <message>
        <source>Accept the confidentiality pledge to see the materials.</source>
        <translation>接受保密承诺后方可查看材料。</translation>
    </message>
    <message>
        <source>Say which relation you have to {unit}.</source>
        <translation>请说明您与{unit}存在何种关系。</translation>
    </message>
    <message>
        <source>Answer for each unit the application lists: {unit} has no answer yet.</source>
        <translation>请对申报材料所列的每个单位作出回答：{unit} 尚未回答。</translation>
    </message>
</context>
<context>
    <name>DemoSigners</name>
    <message>
        <source>Demo: the &amp;others sign…</source>
        <translation>演示：其他成员签署(&amp;O)…</translation>
    </message>
    <message>
        <source>Demo only: the other panel members sign the frozen draft with their keys from the demo world, as they would on their own laptops. Their signature files go next to the draft.</source>
        <translation>仅用于演示：其他专家组成员用演示数据中的各自密钥签署已定稿的意见，如同在各自电脑上签署。签署文件保存在定稿旁边。</translation>
    </message>
    <message>
        <source>Frozen group opinion</source>
        <translation>专家组意见定稿</translation>
    </message>
    <message>
        <source>Group opinion drafts (*{suffix})</source>
        <translation>专家组意见定稿 (*{suffix})</translation>
    </message>
    <message>
        <source>The other members are signing {file}…</source>
        <translation>其他成员正在签署 {file}…</translation>
    </message>
    <message>
        <source>{count} member(s) signed; their signature files are next to the draft. Now sign it yourself and assemble.</source>
        <translation>已有 {count} 位成员签署，签署文件保存在定稿旁边。请您本人签署后汇总成文。</translation>
    </message>
    <message>
        <source>{name} dissents: {reason}</source>
        <translation>{name} 持不同意见：{reason}</translation>
    </message>
</context>
<context>
    <name>DraftDialog</name>
    <message>
        <source>&amp;Conclusion:</source>
        <translation>专家组结论(&amp;C)：</translation>
    </message>
    <message>
        <source>Main &amp;strengths:</source>
        <translation>主要优点(&amp;S)：</translation>
    </message>
    <message>
        <source>Main &amp;weaknesses:</source>
        <translation>主要问题与不足(&amp;W)：</translation>
    </message>
    <message>
        <source>Conditions (for a conditional recommendation):</source>
        <translation>修改完善要求（修改完善后推荐时填写）：</translation>
    </message>
    <message>
        <source>Not ruled yet</source>
        <translation>尚未裁定</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>确认否决</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>不予认定</translation>
    </message>
    <message>
        <source>The panel&apos;s reason (required)</source>
        <translation>专家组的理由（必填）</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>Re-checks recorded: {record}</source>
        <translation>记录的复核：{record}</translation>
    </message>
    <message>
        <source>No answered re-check to record.</source>
        <translation>没有已答复的复核需要记录。</translation>
    </message>
    <message>
        <source>Not answered yet (not recorded): {names}</source>
        <translation>尚未答复（不记录）：{names}</translation>
    </message>
    <message>
        <source>Re-checks:</source>
        <translation>复核：</translation>
    </message>
    <message>
        <source>&amp;Freeze the draft…</source>
        <translation>定稿(&amp;F)…</translation>
    </message>
    <message>
        <source>Draft the group opinion</source>
        <translation>起草专家组意见</translation>
    </message>
    <message>
        <source>Required for this conclusion: what the applicant must change or complete.</source>
        <translation>此结论须填写：申报单位需要修改或补充完善的内容。</translation>
    </message>
    <message>
        <source>Folder for the frozen draft (for example the USB stick)</source>
        <translation>定稿保存的文件夹（例如U盘）</translation>
    </message>
    <message>
        <source>The draft could not be written: {reason}</source>
        <translation>定稿无法写入：{reason}</translation>
    </message>
</context>
<context>
    <name>EmptyLibrary</name>
    <message>
        <source>No application bundles yet</source>
        <translation>还没有评审材料包</translation>
    </message>
    <message>
        <source>The review organization gives you a sealed application bundle (a file ending in .rvb), usually on a USB stick. Click “Open bundle…” below, or drag the file into this window. The app checks the organization&apos;s seal before anything is shown.</source>
        <translation>评审机构会向您提供已加密签章的申报材料包（扩展名为 .rvb 的文件），通常存放在U盘中。请点击下方的“打开材料包…”，或将文件拖入本窗口。程序会先校验评审机构的签章，再显示任何内容。</translation>
    </message>
    <message>
        <source>Open bundle…</source>
        <translation>打开材料包…</translation>
    </message>
</context>
<context>
    <name>Enrolment</name>
    <message>
        <source>enrolment-card-{name}-{fingerprint}</source>
        <translation>专家注册卡-{name}-{fingerprint}</translation>
    </message>
    <message>
        <source>Folder for the enrolment card</source>
        <translation>选择保存专家注册卡的文件夹</translation>
    </message>
    <message>
        <source>The card could not be written to {folder}: {reason}. Choose another folder or check the USB stick.</source>
        <translation>注册卡无法写入 {folder}：{reason}。请选择其他文件夹，或检查U盘。</translation>
    </message>
    <message>
        <source>Card not saved</source>
        <translation>注册卡未保存</translation>
    </message>
    <message>
        <source>New identity</source>
        <translation>新身份</translation>
    </message>
    <message>
        <source>Make a new identity?</source>
        <translation>创建新身份？</translation>
    </message>
    <message>
        <source>Your current identity ({name}, fingerprint {fingerprint}) will be archived on this computer: kept, not deleted, but no longer used.

You then choose a new passphrase and save a new enrolment card for the review organization. Bundles sealed for your current identity will not open any more: the organization has to send you new ones, and the work you entered can be carried over to them.</source>
        <translation>您当前的身份（{name}，指纹 {fingerprint}）将在本机归档：保留而不删除，但不再使用。

接下来您将设置新口令，并为评审机构保存新的注册卡。为当前身份封装的材料包将无法再打开：评审机构需要重新向您发送材料包，您已录入的内容可以转入新材料包。</translation>
    </message>
    <message>
        <source>Archive it and make a new one</source>
        <translation>归档并创建新身份</translation>
    </message>
    <message>
        <source>Your identity could not be archived ({reason}); nothing was changed.</source>
        <translation>无法归档您的身份（{reason}）；没有做任何更改。</translation>
    </message>
</context>
<context>
    <name>EnrolmentWizard</name>
    <message>
        <source>Set up your expert identity</source>
        <translation>设置您的专家身份</translation>
    </message>
    <message>
        <source>Confirm and continue &gt;</source>
        <translation>确认并继续 &gt;</translation>
    </message>
    <message>
        <source>Corrections not applied</source>
        <translation>更正尚未生效</translation>
    </message>
    <message>
        <source>Your keys were made with the details and passphrase you entered before; the corrections you made since are not in them. Go on to the key page to apply them. Close anyway?</source>
        <translation>您的密钥是按之前输入的个人信息和口令生成的，之后所做的更正尚未写入密钥。请前进到密钥页面使更正生效。仍要关闭吗？</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The signature file is damaged or is not a signature.</source>
        <translation>签名文件已损坏，或者不是签名文件。</translation>
    </message>
    <message>
        <source>The signature does not match the content.</source>
        <translation>签名与内容不符。</translation>
    </message>
    <message>
        <source>The content was signed by a certificate that is not trusted: {fingerprint}.</source>
        <translation>内容由不受信任的证书签名：{fingerprint}。</translation>
    </message>
    <message>
        <source>The signature uses a method this app does not accept.</source>
        <translation>该签名采用了本程序不接受的算法。</translation>
    </message>
    <message>
        <source>The signature does not say which certificate made it.</source>
        <translation>该签名未注明由哪张证书签署。</translation>
    </message>
    <message>
        <source>The passphrase is wrong.</source>
        <translation>口令不正确。</translation>
    </message>
    <message>
        <source>The key file {file} does not hold the key of its certificate: one of the two was replaced or damaged.</source>
        <translation>密钥文件 {file} 中的密钥与其证书不对应：两者之一已被替换或损坏。</translation>
    </message>
    <message>
        <source>{fingerprint} is not a certificate fingerprint: it has 64 hexadecimal digits (0-9, A-F), for example B1CA B6B0 ….</source>
        <translation>{fingerprint} 不是证书指纹：指纹由 64 个十六进制字符（0-9、A-F）组成，例如 B1CA B6B0 ……</translation>
    </message>
    <message>
        <source>The file {file} does not exist.</source>
        <translation>文件 {file} 不存在。</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: {reason}.</source>
        <translation>无法读取文件 {file}：{reason}。</translation>
    </message>
    <message>
        <source>The file {file} is too large to be {what}.</source>
        <translation>文件 {file} 过大，不可能是 {what}。</translation>
    </message>
    <message>
        <source>The key file {file} is damaged.</source>
        <translation>密钥文件 {file} 已损坏。</translation>
    </message>
    <message>
        <source>The key file {file} holds a kind of key this app does not use.</source>
        <translation>密钥文件 {file} 中的密钥类型不受本程序支持。</translation>
    </message>
    <message>
        <source>a key file</source>
        <translation>密钥文件</translation>
    </message>
    <message>
        <source>a certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>The certificate file {file} is damaged.</source>
        <translation>证书文件 {file} 已损坏。</translation>
    </message>
    <message>
        <source>Enter the name of the organization.</source>
        <translation>请输入评审机构名称。</translation>
    </message>
    <message>
        <source>An organization key already exists in {folder}. It was not replaced.</source>
        <translation>{folder} 中已有评审机构密钥，未予替换。</translation>
    </message>
    <message>
        <source>Enter a passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <source>Use at least 10 characters.</source>
        <translation>口令至少需要 10 个字符。</translation>
    </message>
    <message>
        <source>Mix different kinds of characters, such as letters, digits and symbols, or use at least 20 characters.</source>
        <translation>请混合使用不同类型的字符（如字母、数字和符号），或使用至少 20 个字符。</translation>
    </message>
    <message>
        <source>This passphrase is too common. Choose one that others would not guess.</source>
        <translation>此口令过于常见，请选择他人难以猜到的口令。</translation>
    </message>
    <message>
        <source>Do not use your name, phone number or email address in the passphrase.</source>
        <translation>口令中请勿包含您的姓名、电话号码或电子邮箱地址。</translation>
    </message>
    <message>
        <source>Avoid repeated characters, sequences such as 1234 or abcd, and keyboard patterns such as qwerty.</source>
        <translation>请避免使用重复字符、1234 或 abcd 之类的连续字符，以及 qwerty 之类的键盘排列。</translation>
    </message>
    <message>
        <source>This data was saved by a newer version of the app (data version {found}, this app knows up to {known}). Please install the newer version; nothing was changed.</source>
        <translation>这些数据由更新版本的程序保存（数据版本 {found}，本程序最高支持 {known}）。请安装新版本；数据未作任何改动。</translation>
    </message>
    <message>
        <source>The app&apos;s data file {path} cannot be read: {reason}.</source>
        <translation>无法读取程序数据文件 {path}：{reason}。</translation>
    </message>
    <message>
        <source>This bundle uses format version {version}, which this version of the app cannot read; please update the app.</source>
        <translation>此材料包采用格式版本 {version}，当前版本的程序无法读取，请更新程序。</translation>
    </message>
    <message>
        <source>The rubric in this bundle is not valid: {problem} ({count} problem(s) in all).</source>
        <translation>此材料包中的评分细则无效：{problem}（共 {count} 个问题）。</translation>
    </message>
    <message>
        <source>The file {member} was changed after the organization sealed the bundle.</source>
        <translation>文件 {member} 在评审机构封装材料包之后被改动过。</translation>
    </message>
    <message>
        <source>{file} is a folder, not a bundle file.</source>
        <translation>{file} 是文件夹，不是材料包文件。</translation>
    </message>
    <message>
        <source>The bundle file {file} cannot be read: {reason}.</source>
        <translation>无法读取材料包文件 {file}：{reason}。</translation>
    </message>
    <message>
        <source>{file} is not a regular file, so it cannot be a bundle.</source>
        <translation>{file} 不是普通文件，因此不可能是材料包。</translation>
    </message>
    <message>
        <source>The bundle has no {member}, so nobody can tell whether the organization sealed it.</source>
        <translation>材料包中缺少 {member}，因此无法确认它是否由评审机构封装。</translation>
    </message>
    <message>
        <source>The bundle contains the member {member} after its signature: it was added after the organization sealed the bundle.</source>
        <translation>材料包在签名之后还含有文件 {member}：它是在评审机构封装材料包之后添加的。</translation>
    </message>
    <message>
        <source>The members of the bundle are not in the order the organization wrote them; the file was rearranged after sealing.</source>
        <translation>材料包内文件的顺序与评审机构写入时不同；该文件在封装后被重新排列过。</translation>
    </message>
    <message>
        <source>The bundle member {member} is {size} bytes long, more than the {limit} bytes such a member may have.</source>
        <translation>材料包内的文件 {member} 大小为 {size} 字节，超过此类文件允许的 {limit} 字节。</translation>
    </message>
    <message>
        <source>The bundle file is shorter than its own table of contents says; it may have been cut off while copying.</source>
        <translation>材料包文件比其目录所记载的短，可能在复制过程中被截断。</translation>
    </message>
    <message>
        <source>The file {member} in this bundle is malformed.</source>
        <translation>此材料包中的文件 {member} 格式有误。</translation>
    </message>
    <message>
        <source>The bundle contains the member {member}, which is not listed in SHA256SUMS: it was added after the organization sealed the bundle.</source>
        <translation>材料包中含有未列入 SHA256SUMS 的文件 {member}：它是在评审机构封装材料包之后添加的。</translation>
    </message>
    <message>
        <source>The member {member} listed in SHA256SUMS is missing from the bundle.</source>
        <translation>SHA256SUMS 中列出的文件 {member} 在材料包中缺失。</translation>
    </message>
    <message>
        <source>The ZIP checksum of {member} was changed after the organization sealed the bundle.</source>
        <translation>{member} 的 ZIP 校验和在评审机构封装材料包之后被改动过。</translation>
    </message>
    <message>
        <source>The bundle is missing the member {member}.</source>
        <translation>材料包中缺少文件 {member}。</translation>
    </message>
    <message>
        <source>The file {member} was changed after the bundle was checked.</source>
        <translation>文件 {member} 在材料包校验之后被改动过。</translation>
    </message>
    <message>
        <source>bundle.json names the organization certificate {named}, but the bundle was signed with {signer}.</source>
        <translation>bundle.json 中注明的评审机构证书为 {named}，但材料包是用 {signer} 签名的。</translation>
    </message>
    <message>
        <source>The member table in bundle.json does not match the members of the bundle.</source>
        <translation>bundle.json 中的文件清单与材料包中的文件不符。</translation>
    </message>
    <message>
        <source>The bundle was sealed for nobody: it names no expert and no session passphrase.</source>
        <translation>此材料包未指定任何接收人：既未列出专家，也未设置评审会口令。</translation>
    </message>
    <message>
        <source>This bundle can only be opened from {valid_from} to {valid_until}; that time has not come yet.</source>
        <translation>此材料包只能在 {valid_from} 至 {valid_until} 期间打开，现在尚未到开放时间。</translation>
    </message>
    <message>
        <source>This bundle could only be opened from {valid_from} to {valid_until}; that time is over.</source>
        <translation>此材料包只能在 {valid_from} 至 {valid_until} 期间打开，开放时间已过。</translation>
    </message>
    <message>
        <source>This bundle can only be opened with the session passphrase the organization announces.</source>
        <translation>此材料包只能使用评审机构公布的评审会口令打开。</translation>
    </message>
    <message>
        <source>This bundle was not sealed for you: your certificate fingerprint {fingerprint} is not among its {count} recipient(s).</source>
        <translation>此材料包不是为您封装的：您的证书指纹 {fingerprint} 不在其 {count} 位接收人之列。</translation>
    </message>
    <message>
        <source>Your key does not open {member}, although the bundle lists you as a recipient.</source>
        <translation>材料包虽然将您列为接收人，但您的密钥无法打开 {member}。</translation>
    </message>
    <message>
        <source>This bundle cannot be opened with a session passphrase; open it with your own identity.</source>
        <translation>此材料包不能用评审会口令打开，请使用您本人的身份打开。</translation>
    </message>
    <message>
        <source>The session passphrase is wrong for this bundle.</source>
        <translation>此材料包的评审会口令不正确。</translation>
    </message>
    <message>
        <source>The bundle key is damaged.</source>
        <translation>材料包密钥已损坏。</translation>
    </message>
    <message>
        <source>The file {member} cannot be decrypted with this bundle&apos;s key.</source>
        <translation>无法用此材料包的密钥解密文件 {member}。</translation>
    </message>
    <message>
        <source>The inner manifest does not agree with bundle.json about the bundle id.</source>
        <translation>内部清单与 bundle.json 中的材料包编号不一致。</translation>
    </message>
    <message>
        <source>The inner manifest does not agree with bundle.json about the organization or issue date.</source>
        <translation>内部清单与 bundle.json 中的评审机构或签发日期不一致。</translation>
    </message>
    <message>
        <source>The inner manifest does not agree with bundle.json about the review window.</source>
        <translation>内部清单与 bundle.json 中的评审期限不一致。</translation>
    </message>
    <message>
        <source>The inner manifest does not agree with bundle.json about the recipients.</source>
        <translation>内部清单与 bundle.json 中的接收人不一致。</translation>
    </message>
    <message>
        <source>The inner manifest does not agree with bundle.json about the format version.</source>
        <translation>内部清单与 bundle.json 中的格式版本不一致。</translation>
    </message>
    <message>
        <source>The inner manifest does not agree with bundle.json about the materials.</source>
        <translation>内部清单与 bundle.json 中的材料不一致。</translation>
    </message>
    <message>
        <source>The inner manifest lists a material id twice.</source>
        <translation>内部清单中有重复的材料编号。</translation>
    </message>
    <message>
        <source>The material {title} has an impossible size.</source>
        <translation>材料 {title} 的大小不合理。</translation>
    </message>
    <message>
        <source>The document &quot;{title}&quot; ({member}) does not match the digest the organization recorded.</source>
        <translation>文件“{title}”（{member}）与评审机构记录的校验值不符。</translation>
    </message>
    <message>
        <source>The panel leader must be one of the experts the bundle is sealed for.</source>
        <translation>专家组组长必须是本评审包所封装的专家之一。</translation>
    </message>
    <message>
        <source>The review window in review.toml already ended on {date}; change valid_until before sealing.</source>
        <translation>review.toml 中的评审期限已于 {date} 结束；请在封装前修改 valid_until。</translation>
    </message>
    <message>
        <source>The material {file} changed while it was being sealed; seal again.</source>
        <translation>材料 {file} 在封装过程中发生了变化，请重新封装。</translation>
    </message>
    <message>
        <source>Name at least one enrolled expert or a session passphrase; otherwise nobody could open the bundle.</source>
        <translation>请至少指定一位已注册的专家或一个评审会口令，否则任何人都无法打开材料包。</translation>
    </message>
    <message>
        <source>The same expert is listed twice among the recipients.</source>
        <translation>同一位专家在接收人中被列出了两次。</translation>
    </message>
    <message>
        <source>The material {file} is larger than 2 GiB, which a bundle cannot carry.</source>
        <translation>材料 {file} 超过 2 GiB，材料包无法容纳。</translation>
    </message>
    <message>
        <source>No organization certificate is trusted yet, so the bundle cannot be checked; import the organization&apos;s certificate first.</source>
        <translation>尚未信任任何评审机构证书，因此无法校验材料包；请先导入评审机构的证书。</translation>
    </message>
    <message>
        <source>This bundle was sealed by an organization you have not confirmed (certificate fingerprint {fingerprint}).</source>
        <translation>此材料包由您尚未确认的评审机构封装（证书指纹 {fingerprint}）。</translation>
    </message>
    <message>
        <source>The file {member} and its signature {signature} do not match: one of them was changed after the organization sealed the bundle.</source>
        <translation>文件 {member} 与其签名 {signature} 不符：其中之一在评审机构封装材料包之后被改动过。</translation>
    </message>
    <message>
        <source>The signature {member} uses a method this app does not accept.</source>
        <translation>签名 {member} 采用了本程序不接受的算法。</translation>
    </message>
    <message>
        <source>The signature {member} is damaged or was changed.</source>
        <translation>签名 {member} 已损坏或被改动过。</translation>
    </message>
    <message>
        <source>The source folder has {count} problem(s); the first: {first}</source>
        <translation>源文件夹中有 {count} 个问题，第一个是：{first}</translation>
    </message>
    <message>
        <source>review.toml has an unknown setting &quot;{key}&quot;.</source>
        <translation>review.toml 中有未知设置项“{key}”。</translation>
    </message>
    <message>
        <source>review.toml has format_version {version}; this toolkit reads version 1.</source>
        <translation>review.toml 的 format_version 为 {version}；本工具只能读取版本 1。</translation>
    </message>
    <message>
        <source>[review] has an unknown setting &quot;{key}&quot;.</source>
        <translation>[review] 中有未知设置项“{key}”。</translation>
    </message>
    <message>
        <source>[application] has an unknown setting &quot;{key}&quot;.</source>
        <translation>[application] 中有未知设置项“{key}”。</translation>
    </message>
    <message>
        <source>{file} cannot be read: {reason}.</source>
        <translation>无法读取 {file}：{reason}。</translation>
    </message>
    <message>
        <source>{file} is too large.</source>
        <translation>{file} 过大。</translation>
    </message>
    <message>
        <source>{file} is not UTF-8 text.</source>
        <translation>{file} 不是 UTF-8 文本。</translation>
    </message>
    <message>
        <source>{file} is not valid TOML: {detail}.</source>
        <translation>{file} 不是有效的 TOML：{detail}。</translation>
    </message>
    <message>
        <source>review.toml needs a [{key}] table.</source>
        <translation>review.toml 中需要 [{key}] 表。</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; in {where} must be a non-empty text.</source>
        <translation>{where} 中的“{key}”必须是非空文本。</translation>
    </message>
    <message>
        <source>utc_offset in [review] must look like &quot;+08:00&quot;.</source>
        <translation>[review] 中的 utc_offset 格式应为“+08:00”。</translation>
    </message>
    <message>
        <source>[review] needs valid_from and valid_until as dates or date-times, e.g. 2025-12-01 or 2025-12-01T09:00:00+08:00.</source>
        <translation>[review] 中需要以日期或日期时间填写 valid_from 和 valid_until，例如 2025-12-01 或 2025-12-01T09:00:00+08:00。</translation>
    </message>
    <message>
        <source>The review window ends ({end}) before it starts ({start}).</source>
        <translation>评审期限的结束时间（{end}）早于开始时间（{start}）。</translation>
    </message>
    <message>
        <source>review.toml lists no [[materials]].</source>
        <translation>review.toml 中没有列出任何 [[materials]]。</translation>
    </message>
    <message>
        <source>review.toml lists {count} materials; a bundle holds at most 998.</source>
        <translation>review.toml 列出了 {count} 份材料；一个材料包最多容纳 998 份。</translation>
    </message>
    <message>
        <source>The material id &quot;{id}&quot; is used more than once.</source>
        <translation>材料编号“{id}”被重复使用。</translation>
    </message>
    <message>
        <source>{where} must be a table with file and title.</source>
        <translation>{where} 必须是包含 file 和 title 的表。</translation>
    </message>
    <message>
        <source>{where} has an unknown setting &quot;{key}&quot;.</source>
        <translation>{where} 中有未知设置项“{key}”。</translation>
    </message>
    <message>
        <source>{where} needs a file and a title.</source>
        <translation>{where} 需要填写 file 和 title。</translation>
    </message>
    <message>
        <source>The material file {file} is outside the source folder.</source>
        <translation>材料文件 {file} 不在源文件夹内。</translation>
    </message>
    <message>
        <source>The material file {file} does not exist.</source>
        <translation>材料文件 {file} 不存在。</translation>
    </message>
    <message>
        <source>The material file {file} is not of a kind the app can show; use {allowed}.</source>
        <translation>材料文件 {file} 的类型无法在程序中显示；请使用 {allowed}。</translation>
    </message>
    <message>
        <source>The material file {file} is not really {media_type}.</source>
        <translation>材料文件 {file} 实际上不是 {media_type}。</translation>
    </message>
    <message>
        <source>{where} has an id that is not valid.</source>
        <translation>{where} 的编号无效。</translation>
    </message>
    <message>
        <source>The {document} in this bundle is malformed ({detail}).</source>
        <translation>此材料包中的 {document} 格式有误（{detail}）。</translation>
    </message>
    <message>
        <source>The bundle contains a member with an absolute path, {name}, which could write outside its folder.</source>
        <translation>材料包中含有使用绝对路径的文件 {name}，可能会写到其所在文件夹之外。</translation>
    </message>
    <message>
        <source>The bundle contains a member named {name}, whose &quot;..&quot; could write outside its folder.</source>
        <translation>材料包中含有名为 {name} 的文件，其中的“..”可能会写到其所在文件夹之外。</translation>
    </message>
    <message>
        <source>The bundle contains a member named {name} with a backslash, which is not allowed.</source>
        <translation>材料包中含有名称带反斜杠的文件 {name}，这是不允许的。</translation>
    </message>
    <message>
        <source>The bundle contains a member with a name that is not allowed: {name}.</source>
        <translation>材料包中含有名称不合规的文件：{name}。</translation>
    </message>
    <message>
        <source>This file is not a review bundle (it is not a ZIP archive).</source>
        <translation>此文件不是评审材料包（不是 ZIP 压缩文件）。</translation>
    </message>
    <message>
        <source>The bundle has {count} unexpected bytes after its end.</source>
        <translation>材料包末尾之后多出 {count} 个字节。</translation>
    </message>
    <message>
        <source>The bundle has {count} members, which no bundle has.</source>
        <translation>材料包中有 {count} 个文件，正常的材料包不会有这么多。</translation>
    </message>
    <message>
        <source>The bundle has {count} unexpected bytes before its first member.</source>
        <translation>材料包第一个文件之前多出 {count} 个字节。</translation>
    </message>
    <message>
        <source>The bundle file is incomplete: its end is missing, so it may have been cut off while copying.</source>
        <translation>材料包文件不完整：缺少结尾部分，可能在复制过程中被截断。</translation>
    </message>
    <message>
        <source>The bundle&apos;s table of contents is damaged or was changed.</source>
        <translation>材料包的目录已损坏或被改动过。</translation>
    </message>
    <message>
        <source>The bundle contains the member {name} more than once.</source>
        <translation>材料包中重复含有文件 {name}。</translation>
    </message>
    <message>
        <source>The bundle member {name} is a link, which a bundle may not contain.</source>
        <translation>材料包内的文件 {name} 是链接，材料包中不允许含有链接。</translation>
    </message>
    <message>
        <source>The bundle member {name} uses ZIP encryption, which bundles never do.</source>
        <translation>材料包内的文件 {name} 使用了 ZIP 加密，正常的材料包不会这样做。</translation>
    </message>
    <message>
        <source>The bundle member {name} is compressed; the organization stores every member uncompressed.</source>
        <translation>材料包内的文件 {name} 经过压缩，而评审机构存入的所有文件均不压缩。</translation>
    </message>
    <message>
        <source>The bundle member {name} claims to be {size} bytes long, more than the whole file.</source>
        <translation>材料包内的文件 {name} 自称大小为 {size} 字节，超过了整个文件的大小。</translation>
    </message>
    <message>
        <source>The table-of-contents entry of {name} was changed after the organization sealed the bundle.</source>
        <translation>{name} 的目录条目在评审机构封装材料包之后被改动过。</translation>
    </message>
    <message>
        <source>The ZIP header of {name} was changed after the organization sealed the bundle.</source>
        <translation>{name} 的 ZIP 文件头在评审机构封装材料包之后被改动过。</translation>
    </message>
    <message>
        <source>The file is larger than 4 GiB, which no bundle is.</source>
        <translation>该文件超过 4 GiB，不可能是材料包。</translation>
    </message>
    <message>
        <source>The bundle member {name} claims to be {size} bytes long, more than the file holds.</source>
        <translation>材料包内的文件 {name} 自称大小为 {size} 字节，超过了文件中的实际数据量。</translation>
    </message>
    <message>
        <source>The bundle has {count} unexplained bytes before its table of contents.</source>
        <translation>材料包目录之前有 {count} 个来历不明的字节。</translation>
    </message>
    <message>
        <source>The bundle has {count} unexplained bytes before the member {name}.</source>
        <translation>材料包中文件 {name} 之前有 {count} 个来历不明的字节。</translation>
    </message>
    <message>
        <source>The bundle member {name} overlaps the member before it.</source>
        <translation>材料包内的文件 {name} 与前一个文件相互重叠。</translation>
    </message>
    <message>
        <source>The identity files in {folder} are damaged or incomplete.</source>
        <translation>{folder} 中的身份文件已损坏或不完整。</translation>
    </message>
    <message>
        <source>The expert details are not in the expected form.</source>
        <translation>专家信息的格式不符合要求。</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>请输入您的姓名。</translation>
    </message>
    <message>
        <source>Enter your field of expertise.</source>
        <translation>请输入您的专业领域。</translation>
    </message>
    <message>
        <source>The phone number {phone} does not look right.</source>
        <translation>电话号码 {phone} 似乎不正确。</translation>
    </message>
    <message>
        <source>The email address {email} does not look right.</source>
        <translation>电子邮箱地址 {email} 似乎不正确。</translation>
    </message>
    <message>
        <source>An identity already exists in {folder}. It was not replaced.</source>
        <translation>{folder} 中已有身份，未予替换。</translation>
    </message>
    <message>
        <source>No identity has been created yet.</source>
        <translation>尚未创建身份。</translation>
    </message>
    <message>
        <source>The new passphrase is the same as the old one.</source>
        <translation>新口令与原口令相同。</translation>
    </message>
    <message>
        <source>Your name and affiliation are part of your certificate and cannot be changed. To change them, create a new identity and enrol it with the organization again.</source>
        <translation>您的姓名和工作单位是证书的组成部分，无法修改。如需更改，请创建新的身份，并重新向评审机构注册。</translation>
    </message>
    <message>
        <source>This file is not an enrolment card.</source>
        <translation>此文件不是专家注册卡。</translation>
    </message>
    <message>
        <source>The enrolment card is damaged or was changed.</source>
        <translation>专家注册卡已损坏或被改动过。</translation>
    </message>
    <message>
        <source>This enrolment card was made by a newer version of the app.</source>
        <translation>此专家注册卡由更新版本的程序生成。</translation>
    </message>
    <message>
        <source>The certificate on the enrolment card uses a kind of key this app does not accept.</source>
        <translation>专家注册卡上的证书使用了本程序不接受的密钥类型。</translation>
    </message>
    <message>
        <source>The name is too long (at most {limit} characters) or contains a line break.</source>
        <translation>姓名过长（最多 {limit} 个字符）或含有换行。</translation>
    </message>
    <message>
        <source>The field is too long (at most {limit} characters) or contains a line break.</source>
        <translation>专业领域过长（最多 {limit} 个字符）或含有换行。</translation>
    </message>
    <message>
        <source>The affiliation is too long (at most {limit} characters) or contains a line break.</source>
        <translation>工作单位过长（最多 {limit} 个字符）或含有换行。</translation>
    </message>
    <message>
        <source>The title is too long (at most {limit} characters) or contains a line break.</source>
        <translation>职称过长（最多 {limit} 个字符）或含有换行。</translation>
    </message>
    <message>
        <source>The phone number is too long (at most {limit} characters) or contains a line break.</source>
        <translation>电话号码过长（最多 {limit} 个字符）或含有换行。</translation>
    </message>
    <message>
        <source>The email address is too long (at most {limit} characters) or contains a line break.</source>
        <translation>电子邮箱地址过长（最多 {limit} 个字符）或含有换行。</translation>
    </message>
    <message>
        <source>The certificate on the enrolment card expired on {date}.</source>
        <translation>专家注册卡上的证书已于 {date} 过期。</translation>
    </message>
    <message>
        <source>The file is too large to be an enrolment card.</source>
        <translation>该文件过大，不可能是专家注册卡。</translation>
    </message>
    <message>
        <source>The enrolment card {file} cannot be read: {reason}.</source>
        <translation>无法读取专家注册卡 {file}：{reason}。</translation>
    </message>
    <message>
        <source>The fingerprint on the enrolment card does not match its certificate.</source>
        <translation>专家注册卡上的指纹与其证书不符。</translation>
    </message>
    <message>
        <source>The name on the enrolment card does not match its certificate.</source>
        <translation>专家注册卡上的姓名与其证书不符。</translation>
    </message>
    <message>
        <source>{file} is the printable copy of the enrolment card. Enrol the card file that ends in .json instead: {json}</source>
        <translation>{file} 是注册卡的打印版。请改用以 .json 结尾的注册卡文件进行登记：{json}</translation>
    </message>
    <message>
        <source>The card file {file} changed while it was read.</source>
        <translation>注册卡文件 {file} 在读取过程中发生了变化。</translation>
    </message>
    <message>
        <source>The card&apos;s fingerprint {actual} is not the one the expert announced ({expected}); it was not enrolled.</source>
        <translation>注册卡的指纹 {actual} 与专家告知的指纹（{expected}）不一致，未予注册。</translation>
    </message>
    <message>
        <source>No expert with fingerprint {fingerprint} is in the roster; enrol the expert&apos;s card first.</source>
        <translation>专家名册中没有指纹为 {fingerprint} 的专家；请先登记该专家的注册卡。</translation>
    </message>
    <message>
        <source>The roster entry {file} was changed: its certificate no longer matches its name.</source>
        <translation>专家名册条目 {file} 被改动过：其证书与姓名不再相符。</translation>
    </message>
    <message>
        <source>{text} is not a date; write it as 2026-05-01 or 2026-05-01T14:00+08:00.</source>
        <translation>{text} 不是日期；请写成 2026-05-01 或 2026-05-01T14:00+08:00。</translation>
    </message>
    <message>
        <source>Give the reason for the revocation with --reason.</source>
        <translation>请用 --reason 写明撤销的原因。</translation>
    </message>
    <message>
        <source>The revocation record {file} is damaged; repair it or revoke the expert again.</source>
        <translation>撤销记录 {file} 已损坏；请修复它或重新撤销该专家。</translation>
    </message>
    <message>
        <source>The review definition has {count} problem(s): {first}</source>
        <translation>评审定义中有 {count} 个问题：{first}</translation>
    </message>
    <message>
        <source>{where} must be a table of settings.</source>
        <translation>{where} 必须是设置项表。</translation>
    </message>
    <message>
        <source>{where} is missing &quot;{key}&quot;.</source>
        <translation>{where} 中缺少“{key}”。</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; in {where} must be a list.</source>
        <translation>{where} 中的“{key}”必须是列表。</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; in {where} must be text.</source>
        <translation>{where} 中的“{key}”必须是文本。</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; in {where} must be a list of texts.</source>
        <translation>{where} 中的“{key}”必须是文本列表。</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; in {where} must be a number between -1000000 and 1000000.</source>
        <translation>{where} 中的“{key}”必须是 -1000000 到 1000000 之间的数。</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; in {where} must be true or false.</source>
        <translation>{where} 中的“{key}”只能是 true 或 false。</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; in {where} must be a whole number.</source>
        <translation>{where} 中的“{key}”必须是整数。</translation>
    </message>
    <message>
        <source>&quot;value&quot; in {where} must be text or a number.</source>
        <translation>{where} 中的“value”必须是文本或数字。</translation>
    </message>
    <message>
        <source>The comment rule in {where} must be one of {allowed}.</source>
        <translation>{where} 中的评语规则必须是以下之一：{allowed}。</translation>
    </message>
    <message>
        <source>&quot;raters&quot; in {where} must be &quot;fields&quot; (the experts of its fields) or &quot;all&quot; (every member).</source>
        <translation>{where} 中的 &quot;raters&quot; 只能是 &quot;fields&quot;（所列领域的专家）或 &quot;all&quot;（全体成员）。</translation>
    </message>
    <message>
        <source>The review definition has no rubric.</source>
        <translation>评审定义中没有评分细则。</translation>
    </message>
    <message>
        <source>field</source>
        <translation>专业领域</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>评审阶段</translation>
    </message>
    <message>
        <source>fact</source>
        <translation>申报信息</translation>
    </message>
    <message>
        <source>Field &quot;{id}&quot; has no title.</source>
        <translation>专业领域“{id}”没有名称。</translation>
    </message>
    <message>
        <source>The review definition lists no expert fields.</source>
        <translation>评审定义中没有列出任何专家领域。</translation>
    </message>
    <message>
        <source>Fact &quot;{key}&quot; has no label.</source>
        <translation>申报信息项“{key}”没有名称。</translation>
    </message>
    <message>
        <source>Every related unit needs a unit name and its relation to the applicant (成员单位, 股东, 合作单位 …).</source>
        <translation>每个关联单位都须写明单位名称及其与申报单位的关系（成员单位、股东、合作单位等）。</translation>
    </message>
    <message>
        <source>conflict of interest</source>
        <translation>回避</translation>
    </message>
    <message>
        <source>confidentiality</source>
        <translation>保密承诺</translation>
    </message>
    <message>
        <source>The {name} declaration is empty.</source>
        <translation>{name}声明的内容为空。</translation>
    </message>
    <message>
        <source>The {kind} id &quot;{id}&quot; is not valid: use 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>{kind}编号“{id}”无效：请使用 1 至 64 个字母、数字、“.”、“_”或“-”。</translation>
    </message>
    <message>
        <source>The {kind} id &quot;{id}&quot; is used {count} times.</source>
        <translation>{kind}编号“{id}”被使用了 {count} 次。</translation>
    </message>
    <message>
        <source>rubric</source>
        <translation>评分细则</translation>
    </message>
    <message>
        <source>recommendation</source>
        <translation>推荐意见</translation>
    </message>
    <message>
        <source>The rubric total must be more than 0.</source>
        <translation>评分细则的总分必须大于 0。</translation>
    </message>
    <message>
        <source>The rubric has no sections.</source>
        <translation>评分细则中没有评分大项。</translation>
    </message>
    <message>
        <source>The section maxima add up to {sum}, but the rubric total is {total}.</source>
        <translation>各评分大项的满分之和为 {sum}，但评分细则的总分为 {total}。</translation>
    </message>
    <message>
        <source>Veto item &quot;{id}&quot; has no title.</source>
        <translation>否决项“{id}”没有标题。</translation>
    </message>
    <message>
        <source>Recommendation &quot;{id}&quot; has no title.</source>
        <translation>推荐意见“{id}”没有标题。</translation>
    </message>
    <message>
        <source>The minimum opinion length cannot be negative.</source>
        <translation>评审意见的最少字数不能为负数。</translation>
    </message>
    <message>
        <source>Section &quot;{id}&quot; has no title.</source>
        <translation>评分大项“{id}”没有标题。</translation>
    </message>
    <message>
        <source>Section &quot;{id}&quot; has no criteria.</source>
        <translation>评分大项“{id}”中没有评分项。</translation>
    </message>
    <message>
        <source>The criteria of section &quot;{id}&quot; add up to {sum}, but the section maximum is {maximum}.</source>
        <translation>评分大项“{id}”中各评分项的满分之和为 {sum}，但该大项的满分为 {maximum}。</translation>
    </message>
    <message>
        <source>Section &quot;{id}&quot; has a negative min_raters.</source>
        <translation>分项“{id}”的 min_raters 不能为负数。</translation>
    </message>
    <message>
        <source>Section &quot;{id}&quot; names the unknown field &quot;{field}&quot;.</source>
        <translation>评分大项“{id}”指定了未知的专业领域“{field}”。</translation>
    </message>
    <message>
        <source>Criterion &quot;{id}&quot; has no title.</source>
        <translation>评分项“{id}”没有标题。</translation>
    </message>
    <message>
        <source>Criterion &quot;{id}&quot; has step {step}; the step must be 1 or 0.5.</source>
        <translation>评分项“{id}”的计分单位为 {step}；计分单位必须为 1 或 0.5。</translation>
    </message>
    <message>
        <source>Criterion &quot;{id}&quot; has maximum {maximum}, which is not a positive multiple of its step {step}.</source>
        <translation>评分项“{id}”的满分 {maximum} 不是其计分单位 {step} 的正整数倍。</translation>
    </message>
    <message>
        <source>Criterion &quot;{id}&quot; names no field of experts who score it.</source>
        <translation>评分项“{id}”没有指定由哪个领域的专家评分。</translation>
    </message>
    <message>
        <source>Criterion &quot;{id}&quot; names the unknown field &quot;{field}&quot;.</source>
        <translation>评分项“{id}”指定了未知的专业领域“{field}”。</translation>
    </message>
    <message>
        <source>Criterion &quot;{id}&quot; has a missing or repeated band label &quot;{label}&quot;.</source>
        <translation>评分项“{id}”的档次名称“{label}”缺失或重复。</translation>
    </message>
    <message>
        <source>Band &quot;{label}&quot; of criterion &quot;{id}&quot; ({min}–{max}) is not a range of scores between 0 and {maximum}.</source>
        <translation>评分项“{id}”的档次“{label}”（{min}–{max}）不是 0 至 {maximum} 之间的分值范围。</translation>
    </message>
    <message>
        <source>The bands of criterion &quot;{id}&quot; leave a gap at {score}.</source>
        <translation>评分项“{id}”的各档次在 {score} 分处有空缺。</translation>
    </message>
    <message>
        <source>The bands of criterion &quot;{id}&quot; overlap at {score}.</source>
        <translation>评分项“{id}”的各档次在 {score} 分处重叠。</translation>
    </message>
    <message>
        <source>The bands of criterion &quot;{id}&quot; end at {end}, not at its maximum {maximum}.</source>
        <translation>评分项“{id}”的档次止于 {end} 分，而不是其满分 {maximum}。</translation>
    </message>
    <message>
        <source>The evaluation needs its kind, e.g. kind = &quot;年度评估&quot;.</source>
        <translation>评估须写明类型，例如 kind = &quot;年度评估&quot;。</translation>
    </message>
    <message>
        <source>The evaluation needs its period, e.g. period = &quot;2025&quot; (earlier results are matched by it).</source>
        <translation>评估须写明评估期，例如 period = &quot;2025&quot;（往期结果按评估期比对）。</translation>
    </message>
    <message>
        <source>The evaluation needs at least two grades (e.g. 合格 and 不合格).</source>
        <translation>评估至少需要两个等级（例如 合格 和 不合格）。</translation>
    </message>
    <message>
        <source>The evaluation has a missing or repeated grade label &quot;{label}&quot;.</source>
        <translation>评估的等级名称“{label}”为空或重复。</translation>
    </message>
    <message>
        <source>Grade &quot;{label}&quot; ({min}–{max}) must have its min below its max.</source>
        <translation>等级“{label}”（{min}–{max}）的下限必须低于上限。</translation>
    </message>
    <message>
        <source>List the grades from the highest to the lowest: &quot;{lower}&quot; comes after &quot;{higher}&quot; but starts at {min}.</source>
        <translation>请按从高到低的顺序列出等级：“{lower}”排在“{higher}”之后，却从 {min} 分开始。</translation>
    </message>
    <message>
        <source>overlap</source>
        <translation>相互重叠</translation>
    </message>
    <message>
        <source>leave a gap</source>
        <translation>之间有空档</translation>
    </message>
    <message>
        <source>Grades &quot;{higher}&quot; (from {min}) and &quot;{lower}&quot; (up to {max}) {what}: each grade must end where the next one starts.</source>
        <translation>等级“{higher}”（自 {min} 分起）与“{lower}”（至 {max} 分）{what}：每个等级的上限必须等于上一等级的下限。</translation>
    </message>
    <message>
        <source>The lowest grade &quot;{label}&quot; must start at 0, not {min}.</source>
        <translation>最低等级“{label}”必须从 0 分开始，而不是 {min} 分。</translation>
    </message>
    <message>
        <source>The highest grade &quot;{label}&quot; ends at {max}, but the rubric total is {total}.</source>
        <translation>最高等级“{label}”止于 {max} 分，但评分表满分为 {total} 分。</translation>
    </message>
    <message>
        <source>The failing grade &quot;{label}&quot; is not one of the evaluation&apos;s grades.</source>
        <translation>不合格等级“{label}”不在评估的等级之中。</translation>
    </message>
    <message>
        <source>Criterion &quot;{id}&quot; gives a comment threshold, but its comment rule is &quot;{rule}&quot;.</source>
        <translation>评分项“{id}”设置了评语分数线，但其评语规则为“{rule}”。</translation>
    </message>
    <message>
        <source>Criterion &quot;{id}&quot; needs a comment threshold between 0 and its maximum {maximum}.</source>
        <translation>评分项“{id}”的评语分数线必须在 0 至其满分 {maximum} 之间。</translation>
    </message>
    <message>
        <source>checklist item</source>
        <translation>考察项</translation>
    </message>
    <message>
        <source>Checklist item &quot;{id}&quot; needs a section and a title.</source>
        <translation>考察项“{id}”需要有所属类别和标题。</translation>
    </message>
    <message>
        <source>Checklist item &quot;{id}&quot; needs a list of distinct, non-empty results.</source>
        <translation>考察项“{id}”需要一组互不相同且非空的考察结果。</translation>
    </message>
    <message>
        <source>Checklist item &quot;{id}&quot; requires a note for &quot;{result}&quot;, which is not one of its results.</source>
        <translation>考察项“{id}”要求对“{result}”填写说明，但这并不是它的考察结果之一。</translation>
    </message>
    <message>
        <source>Checklist item &quot;{id}&quot; expects evidence &quot;{kind}&quot;; use {allowed}.</source>
        <translation>考察项“{id}”要求的佐证材料类型“{kind}”无效；请使用 {allowed}。</translation>
    </message>
    <message>
        <source>Checklist item &quot;{id}&quot; refers to the unknown fact &quot;{key}&quot;.</source>
        <translation>考察项“{id}”引用了未知的申报信息项“{key}”。</translation>
    </message>
    <message>
        <source>Checklist item &quot;{id}&quot; names the unknown field &quot;{field}&quot;.</source>
        <translation>考察项“{id}”指定了未定义的专业领域“{field}”。</translation>
    </message>
    <message>
        <source>This file is not a certificate, or it is damaged.</source>
        <translation>此文件不是证书，或已损坏。</translation>
    </message>
    <message>
        <source>The file holds more than one certificate. Import one at a time.</source>
        <translation>该文件中包含多张证书，请每次只导入一张。</translation>
    </message>
    <message>
        <source>This certificate uses a kind of key this app does not accept (it needs ECDSA P-256 with SHA-256).</source>
        <translation>此证书使用了本程序不接受的密钥类型（需要 ECDSA P-256 和 SHA-256）。</translation>
    </message>
    <message>
        <source>This certificate expired on {date}.</source>
        <translation>此证书已于 {date} 过期。</translation>
    </message>
    <message>
        <source>This certificate is valid only from {date}. Check the computer&apos;s date.</source>
        <translation>此证书自 {date} 起才生效。请检查电脑的日期设置。</translation>
    </message>
    <message>
        <source>The trusted certificate file {file} is damaged. Remove it and import the organization&apos;s certificate again.</source>
        <translation>受信任的证书文件 {file} 已损坏。请将其移除，然后重新导入评审机构的证书。</translation>
    </message>
    <message>
        <source>The passphrase file {file} cannot be read: {reason}.</source>
        <translation>无法读取口令文件 {file}：{reason}。</translation>
    </message>
    <message>
        <source>The member {member} was changed after the expert signed the package.</source>
        <translation>文件 {member} 在专家签署评分包之后被改动过。</translation>
    </message>
    <message>
        <source>The package was signed by an expert who is not trusted here (certificate fingerprint {fingerprint}).</source>
        <translation>该评分包由此处不信任的专家签署（证书指纹 {fingerprint}）。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist or is not a folder.</source>
        <translation>文件夹 {folder} 不存在，或不是文件夹。</translation>
    </message>
    <message>
        <source>A different file named {file} is already in {folder}; it was not replaced.</source>
        <translation>{folder} 中已有另一个名为 {file} 的文件，未予替换。</translation>
    </message>
    <message>
        <source>The package cannot be written to {folder}: {reason}.</source>
        <translation>无法将评分包写入 {folder}：{reason}。</translation>
    </message>
    <message>
        <source>{file} is a folder, not a score package.</source>
        <translation>{file} 是文件夹，不是评分包。</translation>
    </message>
    <message>
        <source>The package {file} cannot be read: {reason}.</source>
        <translation>无法读取评分包 {file}：{reason}。</translation>
    </message>
    <message>
        <source>{file} is not a regular file, so it cannot be a score package.</source>
        <translation>{file} 不是普通文件，因此不可能是评分包。</translation>
    </message>
    <message>
        <source>{detail}</source>
        <translation>{detail}</translation>
    </message>
    <message>
        <source>The package member {member} is larger than such a member may be.</source>
        <translation>评分包内的文件 {member} 超过了此类文件允许的大小。</translation>
    </message>
    <message>
        <source>The package file is shorter than its own table of contents says; it may have been cut off while copying.</source>
        <translation>评分包文件比其目录所记载的短，可能在复制过程中被截断。</translation>
    </message>
    <message>
        <source>The package has no {member}, so nobody can tell whether the expert signed it.</source>
        <translation>评分包中缺少 {member}，因此无法确认它是否由专家签署。</translation>
    </message>
    <message>
        <source>The members of the package are not in the order the app writes them; the file was rearranged after signing.</source>
        <translation>评分包内文件的顺序与程序写入时不同；该文件在签署后被重新排列过。</translation>
    </message>
    <message>
        <source>The package is missing its {member}.</source>
        <translation>评分包中缺少 {member}。</translation>
    </message>
    <message>
        <source>The package carries more attachments than a score package may.</source>
        <translation>评分包中的附件数量超过了允许的上限。</translation>
    </message>
    <message>
        <source>The package contains the member {member}, which a score package does not have.</source>
        <translation>评分包中含有文件 {member}，正常的评分包不会有此文件。</translation>
    </message>
    <message>
        <source>The attachments of the package are not numbered in order; the file was rearranged after signing.</source>
        <translation>评分包中附件的编号顺序不对；该文件在签署后被重新排列过。</translation>
    </message>
    <message>
        <source>The SHA256SUMS of this package is malformed.</source>
        <translation>此评分包中的 SHA256SUMS 格式有误。</translation>
    </message>
    <message>
        <source>SHA256SUMS and its signature SHA256SUMS.p7s do not match: one of them was changed after the expert signed the package.</source>
        <translation>SHA256SUMS 与其签名 SHA256SUMS.p7s 不符：其中之一在专家签署评分包之后被改动过。</translation>
    </message>
    <message>
        <source>The signature SHA256SUMS.p7s uses a method this app does not accept.</source>
        <translation>签名 SHA256SUMS.p7s 采用了本程序不接受的算法。</translation>
    </message>
    <message>
        <source>The signature SHA256SUMS.p7s is damaged or was changed.</source>
        <translation>签名 SHA256SUMS.p7s 已损坏或被改动过。</translation>
    </message>
    <message>
        <source>The file is larger than 4 GiB, which no score package is.</source>
        <translation>该文件超过 4 GiB，不可能是评分包。</translation>
    </message>
    <message>
        <source>The package contains the member {member}, which is not listed in SHA256SUMS: it was added after the expert signed.</source>
        <translation>评分包中含有未列入 SHA256SUMS 的文件 {member}：它是在专家签署之后添加的。</translation>
    </message>
    <message>
        <source>The member {member} listed in SHA256SUMS is missing from the package.</source>
        <translation>SHA256SUMS 中列出的文件 {member} 在评分包中缺失。</translation>
    </message>
    <message>
        <source>The ZIP checksum of {member} was changed after the expert signed the package.</source>
        <translation>{member} 的 ZIP 校验和在专家签署评分包之后被改动过。</translation>
    </message>
    <message>
        <source>The package file changed while it was being checked.</source>
        <translation>评分包文件在校验过程中发生了变化。</translation>
    </message>
    <message>
        <source>score.json names the expert certificate {named}, but the package was signed with {signer}.</source>
        <translation>score.json 中注明的专家证书为 {named}，但评分包是用 {signer} 签署的。</translation>
    </message>
    <message>
        <source>The attachments listed in score.json are not the attachments in the package.</source>
        <translation>score.json 中列出的附件与评分包中的附件不符。</translation>
    </message>
    <message>
        <source>The attachment {member} is not the one score.json describes.</source>
        <translation>附件 {member} 与 score.json 中的描述不符。</translation>
    </message>
    <message>
        <source>score.pdf and score.json do not belong together: the PDF was made for other score data.</source>
        <translation>score.pdf 与 score.json 不匹配：该 PDF 是根据其他评分数据生成的。</translation>
    </message>
    <message>
        <source>The PDF signature of score.pdf does not hold: the score sheet was changed after the expert signed it.</source>
        <translation>score.pdf 的 PDF 签名无效：评分表在专家签署之后被改动过。</translation>
    </message>
    <message>
        <source>score.pdf is larger than a score sheet can be.</source>
        <translation>score.pdf 超过了评分表可能的大小。</translation>
    </message>
    <message>
        <source>score.pdf carries no PDF signature.</source>
        <translation>score.pdf 没有 PDF 签名。</translation>
    </message>
    <message>
        <source>score.pdf carries {count} PDF signatures; a score sheet has exactly one.</source>
        <translation>score.pdf 带有 {count} 个 PDF 签名；评分表应当只有一个。</translation>
    </message>
    <message>
        <source>The PDF signature of score.pdf is not a PAdES signature.</source>
        <translation>score.pdf 的 PDF 签名不是 PAdES 签名。</translation>
    </message>
    <message>
        <source>score.pdf was signed with another certificate than the package.</source>
        <translation>score.pdf 与评分包使用了不同的证书签署。</translation>
    </message>
    <message>
        <source>score.pdf is damaged: it cannot be read as a signed PDF.</source>
        <translation>score.pdf 已损坏：无法作为已签名的 PDF 读取。</translation>
    </message>
    <message>
        <source>The PDF signature of score.pdf does not lead to the expert&apos;s certificate.</source>
        <translation>score.pdf 的 PDF 签名无法对应到该专家的证书。</translation>
    </message>
    <message>
        <source>score.pdf was changed after it was signed: the signature no longer covers the whole file.</source>
        <translation>score.pdf 在签署后被改动过：签名已不能覆盖整个文件。</translation>
    </message>
    <message>
        <source>score.pdf was changed after it was signed: the space reserved for its signature holds other bytes.</source>
        <translation>score.pdf 在签署后被改动过：为签名预留的空间中含有其他数据。</translation>
    </message>
    <message>
        <source>Declare the conflict of interest, with its reason, before signing a recusal.</source>
        <translation>签署回避声明前，请先声明存在利害关系并说明理由。</translation>
    </message>
    <message>
        <source>The recusal for this review is already signed.</source>
        <translation>本次评审的回避声明已签署。</translation>
    </message>
    <message>
        <source>This review is already signed (revision {revision}). To change it, start an amendment and give its reason.</source>
        <translation>本次评审已签署（第 {revision} 版）。如需修改，请发起修订并说明理由。</translation>
    </message>
    <message>
        <source>This review has not been signed yet, so there is nothing to amend.</source>
        <translation>本次评审尚未签署，无需修订。</translation>
    </message>
    <message>
        <source>You recused yourself from this review; a recusal cannot be amended.</source>
        <translation>您已回避本次评审；回避声明不能修订。</translation>
    </message>
    <message>
        <source>Give the reason for the amendment.</source>
        <translation>请说明修订理由。</translation>
    </message>
    <message>
        <source>The reason for the amendment is too long (at most {limit} characters).</source>
        <translation>修订理由过长（最多 {limit} 个字符）。</translation>
    </message>
    <message>
        <source>You recused yourself from this review; it cannot be signed again.</source>
        <translation>您已回避本次评审，不能再次签署。</translation>
    </message>
    <message>
        <source>This review was signed with another identity; it cannot be amended with yours.</source>
        <translation>本次评审是用其他身份签署的，不能用您的身份修订。</translation>
    </message>
    <message>
        <source>This bundle is not in your library; open it again before signing.</source>
        <translation>此材料包不在您的材料包列表中；请重新打开后再签署。</translation>
    </message>
    <message>
        <source>The open bundle is not the one in your library; open it again before signing.</source>
        <translation>当前打开的材料包与列表中的不一致；请重新打开后再签署。</translation>
    </message>
    <message>
        <source>The review is not complete yet ({count} item(s) left), starting with: {first}</source>
        <translation>评审尚未完成（还剩 {count} 项），首先是：{first}</translation>
    </message>
    <message>
        <source>You declared a conflict of interest for this review; sign the recusal instead.</source>
        <translation>您已声明与本次评审存在利害关系，请改为签署回避声明。</translation>
    </message>
    <message>
        <source>Revision {revision} of this review does not exist.</source>
        <translation>本次评审不存在第 {revision} 版。</translation>
    </message>
    <message>
        <source>The stored copy of revision {revision} is missing ({path}).</source>
        <translation>第 {revision} 版的保存副本缺失（{path}）。</translation>
    </message>
    <message>
        <source>The stored copy of revision {revision} cannot be opened with your key.</source>
        <translation>无法用您的密钥打开第 {revision} 版的保存副本。</translation>
    </message>
    <message>
        <source>The stored copy of revision {revision} was changed on disk.</source>
        <translation>第 {revision} 版的保存副本在磁盘上被改动过。</translation>
    </message>
    <message>
        <source>The file {file} changed after it was imported; import it again.</source>
        <translation>文件 {file} 在导入后发生了变化，请重新导入。</translation>
    </message>
    <message>
        <source>Revision {revision} of this score sheet does not list correctly what it changed against revision {amended}.</source>
        <translation>该评分表第 {revision} 版所列的修订内容与第 {amended} 版相比不符。</translation>
    </message>
    <message>
        <source>The score.json in this package is malformed ({detail}).</source>
        <translation>此评分包中的 score.json 格式有误（{detail}）。</translation>
    </message>
    <message>
        <source>This file is not a score package: its score.json is of another kind.</source>
        <translation>此文件不是评分包：其中的 score.json 属于其他类型。</translation>
    </message>
    <message>
        <source>This package uses score format version {version}, which this version of the app cannot read; please update the app.</source>
        <translation>此评分包采用评分格式版本 {version}，当前版本的程序无法读取，请更新程序。</translation>
    </message>
    <message>
        <source>Revision {revision} of this score sheet gives no reason for the amendment.</source>
        <translation>此评分表的第 {revision} 版没有说明修订理由。</translation>
    </message>
    <message>
        <source>The subtotal of section {section} in score.json does not add up.</source>
        <translation>score.json 中评分大项 {section} 的小计与各项得分之和不符。</translation>
    </message>
    <message>
        <source>The total in score.json does not add up.</source>
        <translation>score.json 中的总分与各项得分之和不符。</translation>
    </message>
    <message>
        <source>The score sheet lacks the declarations: the conflict-of-interest declaration and the confidentiality pledge must both be made.</source>
        <translation>评分表缺少声明：回避声明和保密承诺两者都必须作出。</translation>
    </message>
    <message>
        <source>The score sheet does not answer for each unit the application lists (member units, shareholders, partners).</source>
        <translation>评分表没有对申报材料所列的每个单位（成员单位、股东、合作单位）逐一作出回答。</translation>
    </message>
    <message>
        <source>The score sheet does not score the criterion {criterion} (“{title}”).</source>
        <translation>评分表未对评分项 {criterion}（“{title}”）评分。</translation>
    </message>
    <message>
        <source>The criterion {criterion} in the score sheet does not match the rubric of the bundle.</source>
        <translation>评分表中的评分项 {criterion} 与材料包的评分细则不符。</translation>
    </message>
    <message>
        <source>The score {score} for criterion {criterion} is not allowed: scores run from 0 to {maximum} in steps of {step}.</source>
        <translation>评分项 {criterion} 的分数 {score} 不符合要求：分值范围为 0–{maximum} 分，以 {step} 分为单位。</translation>
    </message>
    <message>
        <source>The band given for criterion {criterion} does not match its score.</source>
        <translation>评分项 {criterion} 所标注的档次与其分数不符。</translation>
    </message>
    <message>
        <source>The criterion {criterion} needs a comment for the score given, and the score sheet has none.</source>
        <translation>评分项 {criterion} 在该分数下需要填写评语，但评分表中没有评语。</translation>
    </message>
    <message>
        <source>The score sheet scores the criterion {criterion}, which is not this expert&apos;s to score.</source>
        <translation>评分表对评分项 {criterion} 给出了分数，但该项不属于此专家的评分范围。</translation>
    </message>
    <message>
        <source>The section {section} in the score sheet does not match the rubric of the bundle.</source>
        <translation>评分表中的评分大项 {section} 与材料包的评分细则不符。</translation>
    </message>
    <message>
        <source>The score sheet gives a rubric total that differs from the bundle&apos;s.</source>
        <translation>评分表中的评分细则总分与材料包中的不同。</translation>
    </message>
    <message>
        <source>The veto items in the score sheet do not match those of the bundle.</source>
        <translation>评分表中的否决项与材料包中的不符。</translation>
    </message>
    <message>
        <source>The veto {veto} is raised without a reason.</source>
        <translation>否决项 {veto} 已提出，但没有说明理由。</translation>
    </message>
    <message>
        <source>The overall opinion in the score sheet is missing or shorter than the {minimum} characters the review asks for.</source>
        <translation>评分表中的评审意见缺失，或少于本次评审要求的 {minimum} 个字。</translation>
    </message>
    <message>
        <source>The score sheet does not choose one of the review&apos;s recommendations.</source>
        <translation>评分表没有选择本次评审规定的推荐意见之一。</translation>
    </message>
    <message>
        <source>The score sheet reports on the checklist item {item}, which the bundle&apos;s checklist does not have.</source>
        <translation>评分表中含有考察项 {item} 的结果，但材料包的考察清单中没有此项。</translation>
    </message>
    <message>
        <source>The result “{result}” for checklist item {item} is not one the checklist allows.</source>
        <translation>考察项 {item} 的结果“{result}”不在考察清单允许的结果之列。</translation>
    </message>
    <message>
        <source>Give the organization passphrase with --passphrase-file or the REVIEWER_ORG_PASSPHRASE variable.</source>
        <translation>请通过 --passphrase-file 参数或 REVIEWER_ORG_PASSPHRASE 环境变量提供评审机构口令。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>Give the organization&apos;s name with --name.</source>
        <translation>请用 --name 给出组织单位的名称。</translation>
    </message>
    <message>
        <source>Give the fingerprint the expert read out with --fingerprint, or run enrol in a terminal to compare it there. Nothing was enrolled.</source>
        <translation>请用 --fingerprint 给出专家读出的指纹，或在终端中运行 enrol 当场核对。未登记任何内容。</translation>
    </message>
    <message>
        <source>Give the organization folder with --org.</source>
        <translation>请用 --org 指定组织文件夹。</translation>
    </message>
    <message>
        <source>No affiliation with {unit} is recorded for {name}; nothing was removed.</source>
        <translation>{name} 没有登记与 {unit} 的任职关系，未删除任何内容。</translation>
    </message>
    <message>
        <source>Give the organization folder with --org to check a panel.</source>
        <translation>检查专家组须用 --org 给出组织单位文件夹。</translation>
    </message>
    <message>
        <source>Name the panel with --recipients or --all-enrolled to check its leader.</source>
        <translation>请用 --recipients 或 --all-enrolled 指定专家组，才能检查组长。</translation>
    </message>
    <message>
        <source>Give the organization folder with --org to check a sealed bundle.</source>
        <translation>检查已封装的评审包时，请用 --org 指定组织单位文件夹。</translation>
    </message>
    <message>
        <source>This organization has no record of sealing {file}.</source>
        <translation>本组织单位没有封装 {file} 的记录。</translation>
    </message>
    <message>
        <source>Two members of the panel are called {leader}; name the leader by fingerprint or card file.</source>
        <translation>专家组中有两位成员名为 {leader}；请用指纹或登记卡文件指定组长。</translation>
    </message>
    <message>
        <source>{leader} is not on the panel of this bundle; the leader must be one of the experts it is sealed for. Nothing was sealed.</source>
        <translation>{leader} 不在本评审包的专家组中；组长必须是评审包所封装的专家之一。未封装任何评审包。</translation>
    </message>
    <message>
        <source>{file} already exists; it was not replaced.</source>
        <translation>{file} 已存在，未予替换。</translation>
    </message>
    <message>
        <source>Name the panel with --recipients or --all-enrolled: a package is accepted only from a member of the panel, also when the bundle opens with the session passphrase.</source>
        <translation>请用 --recipients 或 --all-enrolled 指定评审专家组：即使评审包可用现场口令打开，也只接受专家组成员的评分包。</translation>
    </message>
    <message>
        <source>The key {fingerprint} of {name} is retired or revoked; seal for the expert&apos;s new card instead.</source>
        <translation>{name} 的密钥 {fingerprint} 已停用或已吊销；请改为按该专家的新注册卡封装。</translation>
    </message>
    <message>
        <source>No score package was given (the folders given hold no .rvs file).</source>
        <translation>没有提供评分包（所给的文件夹中没有 .rvs 文件）。</translation>
    </message>
    <message>
        <source>The trimming settings leave no score to average; use --trim-min at least 2 × --trim + 1.</source>
        <translation>按当前的去除极值设置，没有剩余的分数可供平均；请将 --trim-min 设为至少 2 × --trim + 1。</translation>
    </message>
    <message>
        <source>The quorum is a share of the panel: give a number above 0 and at most 1, e.g. 0.67.</source>
        <translation>法定人数是专家组人数的比例：请给出大于 0、不大于 1 的数，例如 0.67。</translation>
    </message>
    <message>
        <source>No sound score package is left to aggregate.</source>
        <translation>没有可供汇总的有效评分包。</translation>
    </message>
    <message>
        <source>The pass line {value} is not a score: give a number such as 60 or 60.5.</source>
        <translation>及格线 {value} 不是分数：请填写数字，例如 60 或 60.5。</translation>
    </message>
    <message>
        <source>The pass line {value} is above the rubric&apos;s total of {total} points; nothing was written.</source>
        <translation>及格线 {value} 高于评分细则的满分 {total} 分；未写出任何文件。</translation>
    </message>
    <message>
        <source>{folder} already exists and is not empty; choose a new folder for the demo.</source>
        <translation>{folder} 已存在且不为空；请为演示数据选择一个新文件夹。</translation>
    </message>
    <message>
        <source>The record of a sealed bundle, {file}, is damaged.</source>
        <translation>已封装材料包的记录 {file} 已损坏。</translation>
    </message>
    <message>
        <source>The organization folder {folder} does not exist.</source>
        <translation>评审机构文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>No expert is enrolled in {folder}, so no package can be trusted.</source>
        <translation>{folder} 中没有登记任何专家，因此无法信任任何评分包。</translation>
    </message>
    <message>
        <source>{name} signed on {signed}, when the certificate was not valid (valid from {start} to {end}).</source>
        <translation>{name} 于 {signed} 签署，当时其证书不在有效期内（有效期 {start} 至 {end}）。</translation>
    </message>
    <message>
        <source>{name} signed on {signed}, after the organization revoked this expert from {start} ({reason}).</source>
        <translation>{name} 于 {signed} 签署，而组织单位已自 {start} 起撤销该专家（{reason}）。</translation>
    </message>
    <message>
        <source>{name} signed on {signed}, before bundle {bundle_id} was issued ({start}).</source>
        <translation>{name} 于 {signed} 签署，早于评审包 {bundle_id} 的签发时间（{start}）。</translation>
    </message>
    <message>
        <source>The organization&apos;s record of bundle {bundle_id} keeps no review window (it was made by an older version), so the signing time of {name} cannot be checked.</source>
        <translation>组织单位对评审包 {bundle_id} 的封装记录中没有评审期（由旧版本生成），因此无法核对 {name} 的签署时间。</translation>
    </message>
    <message>
        <source>{name} signed on {signed}, outside the review window of bundle {bundle_id} ({start} to {end}).</source>
        <translation>{name} 于 {signed} 签署，不在评审包 {bundle_id} 的评审期内（{start} 至 {end}）。</translation>
    </message>
    <message>
        <source>The package was signed by an expert who is not in the roster (certificate fingerprint {fingerprint}).</source>
        <translation>该评分包由不在专家名册中的专家签署（证书指纹 {fingerprint}）。</translation>
    </message>
    <message>
        <source>score.json names the expert {named}, but the roster enrolled this certificate for {enrolled}.</source>
        <translation>score.json 中注明的专家为 {named}，但专家名册中登记此证书的专家为 {enrolled}。</translation>
    </message>
    <message>
        <source>The package answers bundle {bundle_id}, which this organization has no record of sealing.</source>
        <translation>该评分包对应材料包 {bundle_id}，但本评审机构没有封装该材料包的记录。</translation>
    </message>
    <message>
        <source>The package answers another version of bundle {bundle_id} than the one this organization sealed.</source>
        <translation>该评分包对应的材料包 {bundle_id} 与本评审机构封装的版本不同。</translation>
    </message>
    <message>
        <source>The package names another organization than the one that sealed its bundle.</source>
        <translation>该评分包注明的评审机构与封装其材料包的评审机构不同。</translation>
    </message>
    <message>
        <source>The package names another application than the bundle {bundle_id} it answers.</source>
        <translation>该评分包注明的申报项目与其对应的材料包 {bundle_id} 不同。</translation>
    </message>
    <message>
        <source>{name} (certificate {fingerprint}) is not on the panel the organization sealed bundle {bundle_id} for.</source>
        <translation>{name}（证书 {fingerprint}）不在组织单位封装评审包 {bundle_id} 时指定的评审专家组中。</translation>
    </message>
    <message>
        <source>The package gives the expert&apos;s field as {field}, but the roster enrolled {name} for {enrolled}.</source>
        <translation>该评分包注明专家领域为 {field}，但专家名册中登记 {name} 的领域为 {enrolled}。</translation>
    </message>
    <message>
        <source>Revision {number} of {name} names revision {amends} as the one it amends instead of revision {previous}.</source>
        <translation>{name} 的第 {number} 版声称修订的是第 {amends} 版，而不是第 {previous} 版。</translation>
    </message>
    <message>
        <source>Revision {number} of {name} amends revision {previous}, which is not among the packages given.</source>
        <translation>{name} 的第 {number} 版修订第 {previous} 版，但所给评分包中没有第 {previous} 版。</translation>
    </message>
    <message>
        <source>Revision {number} of {name} names a revision {previous} that is not the one given (its score.json SHA-256 differs).</source>
        <translation>{name} 的第 {number} 版所指的第 {previous} 版与所给的第 {previous} 版不同（评分数据的 SHA-256 不符）。</translation>
    </message>
    <message>
        <source>This bundle was opened with your previous identity, and only that identity can open it. Ask the review organization for a new bundle of this application, sealed for your new enrolment card. When you open the new bundle, the app offers to carry over the work you entered here.</source>
        <translation>此材料包是用您之前的身份打开的，只有该身份才能打开它。请向评审机构索取为您的新注册卡封装的该项目新材料包。打开新材料包时，程序会提示将您在此录入的内容转入。</translation>
    </message>
    <message>
        <source>A different version of this bundle (same id {bundle_id}) is already in your library. Ask the review organization which one is valid.</source>
        <translation>您的材料包列表中已有此材料包的另一个版本（编号同为 {bundle_id}）。请向评审机构确认哪一个有效。</translation>
    </message>
    <message>
        <source>This bundle is not in your library any more.</source>
        <translation>此材料包已不在您的材料包列表中。</translation>
    </message>
    <message>
        <source>The stored copy of this bundle is missing ({path}). Open the original file again.</source>
        <translation>此材料包的保存副本缺失（{path}）。请重新打开原始文件。</translation>
    </message>
    <message>
        <source>The stored copy of this bundle is not the one you imported. Open the original file again.</source>
        <translation>此材料包的保存副本与您导入的不一致。请重新打开原始文件。</translation>
    </message>
    <message>
        <source>This bundle is no longer in the library.</source>
        <translation>此材料包已不在材料库中。</translation>
    </message>
    <message>
        <source>Answer the conflict-of-interest declaration and accept the confidentiality pledge.</source>
        <translation>请完成回避声明并接受保密承诺。</translation>
    </message>
    <message>
        <source>Give the reason for the veto “{title}”.</source>
        <translation>请说明否决项“{title}”的理由。</translation>
    </message>
    <message>
        <source>Score “{title}”.</source>
        <translation>请为“{title}”评分。</translation>
    </message>
    <message>
        <source>“{title}”: “{text}” is not a valid score and was not saved; correct it.</source>
        <translation>“{title}”：“{text}”不是有效分数，未保存；请更正。</translation>
    </message>
    <message>
        <source>“{title}”: “{text}” is not a valid score and was not saved; {saved} still counts. Correct it.</source>
        <translation>“{title}”：“{text}”不是有效分数，未保存；仍以 {saved} 分计。请更正。</translation>
    </message>
    <message>
        <source>Your change to {what} is not saved yet (the app keeps trying).</source>
        <translation>您对{what}的修改尚未保存（程序正在重试）。</translation>
    </message>
    <message>
        <source>“{title}”: a score below {threshold} needs a comment.</source>
        <translation>“{title}”：分数低于 {threshold} 分时需填写评语。</translation>
    </message>
    <message>
        <source>“{title}”: a score above {threshold} needs a comment.</source>
        <translation>“{title}”：分数高于 {threshold} 分时需填写评语。</translation>
    </message>
    <message>
        <source>“{title}” always needs a comment.</source>
        <translation>“{title}”必须填写评语。</translation>
    </message>
    <message>
        <source>Write your overall opinion.</source>
        <translation>请填写评审意见。</translation>
    </message>
    <message>
        <source>The overall opinion needs at least {minimum} characters (now {length}).</source>
        <translation>评审意见至少需要 {minimum} 个字（目前 {length} 个字）。</translation>
    </message>
    <message>
        <source>Choose your recommendation.</source>
        <translation>请选择推荐意见。</translation>
    </message>
    <message>
        <source>“{name}” is already attached (as “{existing}”).</source>
        <translation>“{name}”已经添加过（即“{existing}”）。</translation>
    </message>
    <message>
        <source>“{name}” cannot be read: {reason}.</source>
        <translation>无法读取“{name}”：{reason}。</translation>
    </message>
    <message>
        <source>“{name}” is not a file.</source>
        <translation>“{name}”不是文件。</translation>
    </message>
    <message>
        <source>“{name}” is too large ({size} MB); an attachment may have at most {limit} MB.</source>
        <translation>“{name}”过大（{size} MB）；每个附件最多 {limit} MB。</translation>
    </message>
    <message>
        <source>“{name}” is empty.</source>
        <translation>“{name}”是空文件。</translation>
    </message>
    <message>
        <source>“{name}” is named like a PDF document but is not one.</source>
        <translation>“{name}”的文件名像 PDF 文件，但实际上不是。</translation>
    </message>
    <message>
        <source>The PDF document “{name}” is incomplete or damaged.</source>
        <translation>PDF 文件“{name}”不完整或已损坏。</translation>
    </message>
    <message>
        <source>The PDF document “{name}” is locked with a password, so nobody else could open it: save it without a password and add it again.</source>
        <translation>PDF 文档“{name}”设有密码，其他人都无法打开：请另存为无密码的文件后重新添加。</translation>
    </message>
    <message>
        <source>“{name}” is a HEIC/HEIF photo, which the app cannot read: convert it to JPEG, or set the phone camera to save JPEG (“Most compatible”).</source>
        <translation>“{name}”是 HEIC/HEIF 格式的照片，程序无法读取：请将其转换为 JPEG，或将手机相机设置为保存 JPEG 格式（“兼容性最佳”）。</translation>
    </message>
    <message>
        <source>“{name}” is too large to open safely ({pixels} million pixels; at most {limit} million for this kind of picture). Save it as JPEG, or at a smaller size.</source>
        <translation>“{name}”过大，无法安全打开（{pixels} 百万像素；此类图片最多 {limit} 百万像素）。请另存为 JPEG，或缩小尺寸后再添加。</translation>
    </message>
    <message>
        <source>“{name}” claims {pixels} million pixels, far more than its file size can hold: it may be a deliberately malformed file and was refused.</source>
        <translation>“{name}”标称 {pixels} 百万像素，远超其文件大小所能容纳的数据：它可能是被恶意构造的文件，已拒绝添加。</translation>
    </message>
    <message>
        <source>“{name}” is neither a photo nor a PDF document, so it cannot be attached.</source>
        <translation>“{name}”既不是照片也不是 PDF 文件，无法添加。</translation>
    </message>
    <message>
        <source>“{name}” is incomplete: the picture data ends early (the copy may have been cut off).</source>
        <translation>“{name}”不完整：图片数据提前结束（复制时可能被截断）。</translation>
    </message>
    <message>
        <source>“{name}” is not a picture the app can read: the file is damaged or in another format. Photos are accepted as JPEG, PNG, WebP, AVIF, TIFF, BMP or GIF.</source>
        <translation>“{name}”不是程序能读取的图片：文件已损坏或为其他格式。照片可使用 JPEG、PNG、WebP、AVIF、TIFF、BMP 或 GIF 格式。</translation>
    </message>
    <message>
        <source>“{name}” is not a folder.</source>
        <translation>“{name}”不是文件夹。</translation>
    </message>
    <message>
        <source>The folder “{name}” holds more than {limit} photos and documents; choose a smaller folder.</source>
        <translation>文件夹“{name}”中的照片和文件超过 {limit} 个；请选择文件较少的文件夹。</translation>
    </message>
    <message>
        <source>“{name}” could not be saved: {reason}.</source>
        <translation>无法保存“{name}”：{reason}。</translation>
    </message>
    <message>
        <source>The attachment “{name}” is damaged or was changed on disk; import it again from the original.</source>
        <translation>附件“{name}”已损坏或在磁盘上被改动过；请从原始文件重新导入。</translation>
    </message>
    <message>
        <source>Record when the on-site inspection started.</source>
        <translation>请记录现场考察的开始时间。</translation>
    </message>
    <message>
        <source>Choose the inspection result for “{title}”.</source>
        <translation>请为“{title}”选择考察结果。</translation>
    </message>
    <message>
        <source>“{title}”: the result “{result}” needs a note.</source>
        <translation>“{title}”：结果为“{result}”时需填写说明。</translation>
    </message>
    <message>
        <source>“{title}”: say what you observed that differs from the application.</source>
        <translation>“{title}”：请说明现场所见与申报内容的不符之处。</translation>
    </message>
    <message>
        <source>Record when the on-site inspection finished.</source>
        <translation>请记录现场考察的结束时间。</translation>
    </message>
    <message>
        <source>The on-site inspection cannot finish before it started.</source>
        <translation>现场考察的结束时间不能早于开始时间。</translation>
    </message>
    <message>
        <source>“{title}” expects a photo, and none is attached.</source>
        <translation>“{title}”需要照片，但尚未添加。</translation>
    </message>
    <message>
        <source>“{title}” expects a document, and none is attached.</source>
        <translation>“{title}”需要文件，但尚未添加。</translation>
    </message>
    <message>
        <source>{count} photo(s) or document(s) are not attached to any checklist item.</source>
        <translation>有 {count} 个照片或文件尚未归入任何考察项。</translation>
    </message>
    <message>
        <source>List the inspectors who were present.</source>
        <translation>请填写在场的考察人员。</translation>
    </message>
    <message>
        <source>The handwritten signature image cannot be read; draw or load it again.</source>
        <translation>无法读取手写签名图片，请重新手写签名或重新载入图片。</translation>
    </message>
    <message>
        <source>Use a point for decimals, e.g. 6.5 (a comma is not accepted).</source>
        <translation>小数请用小数点，例如 6.5（不接受逗号）</translation>
    </message>
    <message>
        <source>Enter a number, e.g. {example}.</source>
        <translation>请输入数字，例如 {example}</translation>
    </message>
    <message>
        <source>The maximum is {maximum} points.</source>
        <translation>最高 {maximum} 分</translation>
    </message>
    <message>
        <source>Scores go in steps of {step} points.</source>
        <translation>以 {step} 分为单位</translation>
    </message>
    <message>
        <source>Not saved: your change to {what}. The disk is full. Everything before it is saved; free some space and the change is saved automatically.</source>
        <translation>未保存：您对{what}的修改。磁盘已满。此前的内容均已保存；请腾出空间，修改将自动保存。</translation>
    </message>
    <message>
        <source>Not saved: your change to {what}. The data folder cannot be written (read-only). Everything before it is saved; the app keeps trying.</source>
        <translation>未保存：您对{what}的修改。数据文件夹无法写入（只读）。此前的内容均已保存；程序将持续重试。</translation>
    </message>
    <message>
        <source>Not saved yet: your change to {what}. Another program is using your data file. Everything before it is saved; the app keeps trying.</source>
        <translation>尚未保存：您对{what}的修改。另一个程序正在使用数据文件。此前的内容均已保存；程序将持续重试。</translation>
    </message>
    <message>
        <source>Not saved: your change to {what}. The disk reported a read/write error. Everything before it is saved; the app keeps trying. Check the disk or USB stick.</source>
        <translation>未保存：您对{what}的修改。磁盘报告读写错误。此前的内容均已保存；程序将持续重试。请检查磁盘或 U 盘。</translation>
    </message>
    <message>
        <source>Not saved: your change to {what}. The data file is damaged. Everything before it was saved; do not close the app, and ask for help.</source>
        <translation>未保存：您对{what}的修改。数据文件已损坏。此前的内容均已保存；请不要关闭程序，并寻求技术支持。</translation>
    </message>
    <message>
        <source>Not saved: your change to {what}. The data file refused it ({detail}). Everything before it is saved; the app keeps trying.</source>
        <translation>未保存：您对{what}的修改。数据文件拒绝了写入（{detail}）。此前的内容均已保存；程序将持续重试。</translation>
    </message>
    <message>
        <source>the attached files</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>the declarations</source>
        <translation>声明</translation>
    </message>
    <message>
        <source>the overall opinion</source>
        <translation>评审意见</translation>
    </message>
    <message>
        <source>the recommendation</source>
        <translation>推荐意见</translation>
    </message>
    <message>
        <source>a defense note</source>
        <translation>答辩记录</translation>
    </message>
    <message>
        <source>the inspection times</source>
        <translation>考察时间</translation>
    </message>
    <message>
        <source>the inspectors</source>
        <translation>考察人员</translation>
    </message>
    <message>
        <source>the site notes</source>
        <translation>现场记录</translation>
    </message>
    <message>
        <source>where photos are placed</source>
        <translation>照片归属</translation>
    </message>
    <message>
        <source>a new defense note</source>
        <translation>新的答辩记录</translation>
    </message>
    <message>
        <source>the inspection log</source>
        <translation>考察记录</translation>
    </message>
    <message>
        <source>The material file {file} cannot be read: {reason}.</source>
        <translation>材料文件 {file} 无法读取：{reason}。</translation>
    </message>
    <message>
        <source>The material file {file} is locked with a password: the expert&apos;s viewer cannot open it. Save it without a password.</source>
        <translation>材料文件 {file} 设有密码：专家的阅读器无法打开。请另存为不带密码的文件。</translation>
    </message>
    <message>
        <source>The material file {file} is damaged: the expert&apos;s viewer cannot open it. Export or scan it again.</source>
        <translation>材料文件 {file} 已损坏：专家的阅读器无法打开。请重新导出或重新扫描。</translation>
    </message>
    <message>
        <source>The material file {file} has no pages.</source>
        <translation>材料文件 {file} 没有任何页面。</translation>
    </message>
    <message>
        <source>The material file {file} is damaged: page {page} of {pages} cannot be shown. Export or scan it again.</source>
        <translation>材料文件 {file} 已损坏：第 {page} 页（共 {pages} 页）无法显示。请重新导出或重新扫描。</translation>
    </message>
    <message>
        <source>The material file {file} shows only white pages in the expert&apos;s viewer (first {pages} page(s)); check that it is the right file.</source>
        <translation>材料文件 {file} 在专家的阅读器中只显示空白页（前 {pages} 页）；请确认文件是否正确。</translation>
    </message>
    <message>
        <source>The material picture {file} is too large to be shown; save it smaller or as a PDF.</source>
        <translation>材料图片 {file} 过大，无法显示；请缩小尺寸或另存为 PDF。</translation>
    </message>
    <message>
        <source>The material picture {file} is damaged or incomplete: it cannot be shown completely.</source>
        <translation>材料图片 {file} 已损坏或不完整，无法完整显示。</translation>
    </message>
    <message>
        <source>The material text file {file} is longer than the app shows ({limit} MB); save it as a PDF.</source>
        <translation>材料文本文件 {file} 超过应用可显示的长度（{limit} MB），请另存为 PDF。</translation>
    </message>
    <message>
        <source>score.pdf does not show what score.json says: {what}.</source>
        <translation>score.pdf 显示的内容与 score.json 不一致：{what}。</translation>
    </message>
    <message>
        <source>score.pdf does not carry its score.json, so nobody can prove that the sheet shows the signed data.</source>
        <translation>score.pdf 中没有附带其 score.json，因此无法证明评分表显示的就是所签署的数据。</translation>
    </message>
    <message>
        <source>The score.json attached to score.pdf is not the package&apos;s score.json.</source>
        <translation>score.pdf 附带的 score.json 与评分包中的 score.json 不同。</translation>
    </message>
    <message>
        <source>The package is encrypted, and no key to open it was given (the organization&apos;s passphrase is needed).</source>
        <translation>评分包已加密，但未提供打开它的密钥（需要组织单位口令）。</translation>
    </message>
    <message>
        <source>The package is encrypted for other readers: this organization&apos;s key does not open it, or the file is damaged.</source>
        <translation>评分包是为其他接收方加密的：本组织单位的密钥打不开它，或文件已损坏。</translation>
    </message>
    <message>
        <source>The organization folder {folder} has no age key for confidential score packages yet (it was made by an older version). Run: reviewer-org init --org {folder} --add-age-identity</source>
        <translation>组织单位文件夹 {folder} 还没有用于保密评分包的 age 密钥（由旧版本创建）。请运行：reviewer-org init --org {folder} --add-age-identity</translation>
    </message>
    <message>
        <source>The organization folder {folder} already has an age key; it was not replaced.</source>
        <translation>组织单位文件夹 {folder} 已有 age 密钥，未予替换。</translation>
    </message>
    <message>
        <source>The file {file} is damaged: it holds no age recipient.</source>
        <translation>文件 {file} 已损坏：其中没有 age 接收方公钥。</translation>
    </message>
    <message>
        <source>The organization passphrase does not open {file}.</source>
        <translation>组织单位口令打不开 {file}。</translation>
    </message>
    <message>
        <source>The file {file} is damaged: it holds no age identity.</source>
        <translation>文件 {file} 已损坏：其中没有 age 私钥。</translation>
    </message>
    <message>
        <source>The file {file} does not belong to the organization&apos;s age recipient.</source>
        <translation>文件 {file} 与组织单位的 age 接收方公钥不匹配。</translation>
    </message>
    <message>
        <source>every member</source>
        <translation>全体成员</translation>
    </message>
    <message>
        <source>Section “{section}” needs at least {minimum} raters ({who}); this panel gives it {count}.</source>
        <translation>分项“{section}”至少需要 {minimum} 名评分专家（{who}）；本专家组只有 {count} 名。</translation>
    </message>
    <message>
        <source>No member of the panel is an expert in the field “{field}”.</source>
        <translation>专家组中没有“{field}”领域的专家。</translation>
    </message>
    <message>
        <source>{name} ({field}) has nothing to score: no criterion of this review is for that field.</source>
        <translation>{name}（{field}）无可评分指标：本次评审没有该领域的指标。</translation>
    </message>
    <message>
        <source>{text} is not a month; write it as 2023-01 (or a day, 2023-01-15).</source>
        <translation>{text} 不是有效的年月，请写成 2023-01（或具体日期 2023-01-15）。</translation>
    </message>
    <message>
        <source>{file} is not in the expected form: each [[expert]] needs a fingerprint and a list past = [{{ unit = &quot;…&quot;, until = 2024-06-30 }}].</source>
        <translation>{file} 格式不正确：每个 [[expert]] 须有 fingerprint 和列表 past = [{{ unit = &quot;…&quot;, until = 2024-06-30 }}]。</translation>
    </message>
    <message>
        <source>Give the unit&apos;s name with --unit.</source>
        <translation>请用 --unit 给出单位名称。</translation>
    </message>
    <message>
        <source>The affiliation ends ({until}) before it starts ({since}).</source>
        <translation>该任职的结束日期（{until}）早于开始日期（{since}）。</translation>
    </message>
    <message>
        <source>Possible conflict of interest: {name} works at {unit}, which the application lists as {relation}.</source>
        <translation>可能存在利益冲突：{name} 任职于{unit}，该单位在申报材料中为{relation}。</translation>
    </message>
    <message>
        <source>Possible conflict of interest: {name} worked at {unit} until {until}; the application lists {related} as {relation}.</source>
        <translation>可能存在利益冲突：{name} 曾任职于{unit}（至 {until}）；申报材料将{related}列为{relation}。</translation>
    </message>
    <message>
        <source>Not counted: {name} worked at {unit} until {until}, more than three years ago.</source>
        <translation>不计入：{name} 在 {unit} 任职至 {until}，已超过三年。</translation>
    </message>
    <message>
        <source>{name} declared a relation to {unit}, which the application lists as {relation}: {description}</source>
        <translation>{name} 声明与申报材料所列单位 {unit}（{relation}）存在关系：{description}</translation>
    </message>
    <message>
        <source>The leader must be a member of this application&apos;s panel.</source>
        <translation>专家组组长必须是该项目专家组的成员。</translation>
    </message>
    <message>
        <source>Choose the panel&apos;s conclusion among the bundle&apos;s recommendation options.</source>
        <translation>请从评审包给出的推荐意见选项中选择专家组结论。</translation>
    </message>
    <message>
        <source>The conclusion “{conclusion}” is a conditional one: write the conditions the applicant must meet.</source>
        <translation>结论“{conclusion}”是附条件的结论：请写明申报单位须满足的修改完善要求。</translation>
    </message>
    <message>
        <source>Every veto item a member raised needs the panel&apos;s ruling (confirmed or dismissed) with a reason.</source>
        <translation>成员提出的每一项否决项都需要专家组的认定（确认或不予认定）及理由。</translation>
    </message>
    <message>
        <source>{name} answered the re-check with revision {revision} of their score sheet; import that package before drafting.</source>
        <translation>{name} 已以其评分表第 {revision} 版答复复核；请先导入该评分包再起草。</translation>
    </message>
    <message>
        <source>The organization named {name} leader of this application when it sealed the bundle; only {name} can act as leader.</source>
        <translation>组织单位在封装评审包时已指定 {name} 为本项目的专家组组长；只有 {name} 可以履行组长职责。</translation>
    </message>
    <message>
        <source>The file {file} is damaged or is not a group opinion file.</source>
        <translation>文件 {file} 已损坏，或不是专家组意见文件。</translation>
    </message>
    <message>
        <source>{name} recused from this application, so {name} does not sign its group opinion.</source>
        <translation>{name} 已对该项目回避，因此 {name} 不签署其专家组意见。</translation>
    </message>
    <message>
        <source>The group opinion {file} has format version {version}, which this app cannot read; update the app.</source>
        <translation>专家组意见 {file} 的格式版本为 {version}，本程序无法读取；请更新程序。</translation>
    </message>
    <message>
        <source>The group opinion draft {file} was changed after it was frozen.</source>
        <translation>专家组意见定稿 {file} 在定稿后被改动过。</translation>
    </message>
    <message>
        <source>You are not on the panel of this group opinion, so you cannot sign it.</source>
        <translation>您不是该专家组意见所列专家组的成员，不能签署。</translation>
    </message>
    <message>
        <source>A dissent needs a written reason.</source>
        <translation>不同意须写明理由。</translation>
    </message>
    <message>
        <source>The signature file {file} comes from someone who is not on this application&apos;s panel.</source>
        <translation>签署文件 {file} 来自不属于该项目专家组的人。</translation>
    </message>
    <message>
        <source>The signer of {file} is not enrolled with the organization.</source>
        <translation>{file} 的签署人未在组织单位登记。</translation>
    </message>
    <message>
        <source>The signature in {file} does not hold: {reason}</source>
        <translation>{file} 中的签名无效：{reason}</translation>
    </message>
    <message>
        <source>The signature file {file} was made for another application.</source>
        <translation>签署文件 {file} 是为其他项目作出的。</translation>
    </message>
    <message>
        <source>The signature file {file} was made for another version of the group opinion (the draft was changed after it was frozen).</source>
        <translation>签署文件 {file} 针对的是另一版本的专家组意见（定稿后又被改动过）。</translation>
    </message>
    <message>
        <source>{name} signed this group opinion twice with different decisions ({first}, {second}); keep only the file that says what they decided.</source>
        <translation>{name} 对此专家组意见签署了两次且意见不同（{first}、{second}）；请只保留其真实意见的那一份文件。</translation>
    </message>
    <message>
        <source>These panel members have neither signed nor dissented yet: {names}.</source>
        <translation>以下专家组成员尚未签署同意或不同意意见：{names}。</translation>
    </message>
    <message>
        <source>The PDF in {file} is damaged.</source>
        <translation>{file} 中的 PDF 已损坏。</translation>
    </message>
    <message>
        <source>The PDF in {file} does not show what its opinion.json says.</source>
        <translation>{file} 中的 PDF 与其 opinion.json 的内容不一致。</translation>
    </message>
    <message>
        <source>The group opinion {file} answers a bundle this organization did not seal.</source>
        <translation>专家组意见 {file} 针对的评审包不是本组织单位封装的。</translation>
    </message>
    <message>
        <source>The group opinion {file} does not match the bundle the organization sealed.</source>
        <translation>专家组意见 {file} 与组织单位封装的评审包不符。</translation>
    </message>
    <message>
        <source>The group opinion {file} names another panel than the one sealed in the bundle.</source>
        <translation>专家组意见 {file} 所列专家组与评审包封装时的专家组不同。</translation>
    </message>
    <message>
        <source>The group opinion {file} does not name the leader the organization named when it sealed the bundle.</source>
        <translation>专家组意见 {file} 所列组长与组织单位封装评审包时指定的组长不符。</translation>
    </message>
    <message>
        <source>The group opinion {file} does not count the latest signed score sheet of {name} (revision {revision}); the leader drafts it again with that package.</source>
        <translation>专家组意见 {file} 未计入{name}最新签署的评分表（第 {revision} 版）；请组长用该评分包重新起草。</translation>
    </message>
    <message>
        <source>{name} signed the group opinion {file} on {signed}, when the certificate was not valid (valid from {start} to {end}).</source>
        <translation>{name} 于 {signed} 签署专家组意见 {file}，当时其证书不在有效期内（有效期 {start} 至 {end}）。</translation>
    </message>
    <message>
        <source>{name} signed the group opinion {file} on {signed}, after the organization revoked this expert from {start} ({reason}).</source>
        <translation>{name} 于 {signed} 签署专家组意见 {file}，而组织单位已自 {start} 起撤销该专家（{reason}）。</translation>
    </message>
    <message>
        <source>The group opinion {file} is based on a score package that was not given (or was refused); give the panel&apos;s packages with it.</source>
        <translation>专家组意见 {file} 所依据的评分包未提供（或未通过核验）；请同时提供专家组的评分包。</translation>
    </message>
    <message>
        <source>The group opinion {file} is based on a score package that is not the latest revision the organization has.</source>
        <translation>专家组意见 {file} 所依据的评分包不是组织单位收到的最新版本。</translation>
    </message>
    <message>
        <source>The group opinion {file} leaves out a member&apos;s score package or counts a recusal that is not one.</source>
        <translation>专家组意见 {file} 遗漏了某位成员的评分包，或把并非回避声明的评分包算作回避。</translation>
    </message>
    <message>
        <source>More than one group opinion was given for {application} ({files}); give only the one the panel signed last.</source>
        <translation>项目 {application} 提交了不止一份专家组意见（{files}）；请只提交专家组最后签署的那一份。</translation>
    </message>
    <message>
        <source>The file {file} was not signed by the panel member it names.</source>
        <translation>文件 {file} 不是由其所列的专家组成员签署的。</translation>
    </message>
    <message>
        <source>A re-check is asked by a panel member of a panel member.</source>
        <translation>复核只能由专家组成员向专家组成员提出。</translation>
    </message>
    <message>
        <source>A re-check request names at least one criterion and asks a question.</source>
        <translation>复核请求至少要列出一项指标并提出问题。</translation>
    </message>
    <message>
        <source>The re-check request {file} was not signed by this application&apos;s panel leader, whom the organization named in the bundle.</source>
        <translation>复核请求 {file} 不是由评审机构在评审包中指定的本项目专家组组长签名的。</translation>
    </message>
    <message>
        <source>The file {file} was made for another application.</source>
        <translation>文件 {file} 是为其他项目作出的。</translation>
    </message>
    <message>
        <source>The file {file} comes from someone who is not on this application&apos;s panel.</source>
        <translation>文件 {file} 来自不属于该项目专家组的人。</translation>
    </message>
    <message>
        <source>The file {file} was signed by another panel member than the one the re-check request was addressed to.</source>
        <translation>文件 {file} 的签署人不是该复核请求所发给的专家组成员。</translation>
    </message>
    <message>
        <source>This re-check request is addressed to another panel member.</source>
        <translation>此复核请求是发给另一位专家组成员的。</translation>
    </message>
    <message>
        <source>Keeping the score needs a written justification.</source>
        <translation>维持原分须提交书面说明。</translation>
    </message>
    <message>
        <source>Answer the re-check with the amended revision of your score sheet.</source>
        <translation>请以修订后的评分表版本答复复核。</translation>
    </message>
    <message>
        <source>The file {file} answers another re-check request.</source>
        <translation>文件 {file} 答复的是另一项复核请求。</translation>
    </message>
    <message>
        <source>The package {file} is not meant for this panel (your key does not open it), or it is damaged.</source>
        <translation>评分包 {file} 不是发给本专家组的（您的密钥打不开它），或已损坏。</translation>
    </message>
    <message>
        <source>The package {file} was not signed by a member of this application&apos;s panel.</source>
        <translation>评分包 {file} 不是由该项目专家组成员签署的。</translation>
    </message>
    <message>
        <source>The package {file} is damaged: {reason}</source>
        <translation>评分包 {file} 已损坏：{reason}</translation>
    </message>
    <message>
        <source>The package {file} answers another bundle, not this application&apos;s.</source>
        <translation>评分包 {file} 针对的是其他评审包，而不是本项目的。</translation>
    </message>
    <message>
        <source>The file is not a score package.</source>
        <translation>该文件不是评分包。</translation>
    </message>
    <message>
        <source>{file} is too large for a file of earlier results.</source>
        <translation>{file} 过大，不是往期结果文件。</translation>
    </message>
    <message>
        <source>The earlier results {file} cannot be read: {reason}.</source>
        <translation>往期结果 {file} 无法读取：{reason}。</translation>
    </message>
    <message>
        <source>The earlier results {file} are neither UTF-8 nor GBK text; save the CSV as UTF-8.</source>
        <translation>往期结果文件 {file} 既不是 UTF-8 也不是 GBK 编码的文本；请将 CSV 另存为 UTF-8 编码。</translation>
    </message>
    <message>
        <source>The earlier results {file} are empty.</source>
        <translation>往期结果 {file} 是空文件。</translation>
    </message>
    <message>
        <source>The earlier results {file} need the columns applicant, period and grade (申报单位, 评估期, 等级), or must be a results.csv written by aggregate for an evaluation.</source>
        <translation>往期结果 {file} 须有申报单位、评估期和等级三列（applicant、period、grade），或是 aggregate 为评估生成的 results.csv。</translation>
    </message>
    <message>
        <source>The re-check request {file} names a criterion this application&apos;s rubric does not have.</source>
        <translation>复核请求 {file} 所列指标不在本项目的评分细则中。</translation>
    </message>
    <message>
        <source>The file {file} answers a re-check request that was not sent from this laptop for this application.</source>
        <translation>文件 {file} 答复的复核请求不是本电脑为本项目发出的。</translation>
    </message>
    <message>
        <source>The group opinion {file} is about another application ({application}); open that application to sign or assemble it.</source>
        <translation>专家组意见 {file} 属于其他项目（{application}），请打开该项目后再签署或汇总。</translation>
    </message>
</context>
<context>
    <name>EvidenceDialog</name>
    <message>
        <source>A document: its original is kept, encrypted, and goes into the score package.</source>
        <translation>文件：原件经加密保存，并将放入评分包。</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Guide to a review</source>
        <translation>评审指南</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Delete from this computer…</source>
        <translation>从本机删除…</translation>
    </message>
    <message>
        <source>Application bundles</source>
        <translation>评审材料包</translation>
    </message>
    <message>
        <source>To open an application, double-click it, or select it with the arrow keys and press Enter. Help › Guide to a review shows the steps.</source>
        <translation>打开一份申报材料：双击它，或用方向键选中后按回车键。“帮助 › 评审指南”介绍评审的各个步骤。</translation>
    </message>
    <message>
        <source>&amp;Delete from this computer…</source>
        <translation>从本机删除(&amp;D)…</translation>
    </message>
    <message>
        <source>After the review: delete the bundle, your scores, notes, photos and the stored copies of your signed sheets from this computer (the confidentiality pledge&apos;s 删除或交回). Score packages you exported stay where they are.</source>
        <translation>评审结束后：从本机删除材料包以及您的评分、记录、照片和已签名评分表的存档副本（即保密承诺中的“删除或交回”）。您已导出的评分包保留在原处。</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <source>Identity and trust</source>
        <translation>身份与信任</translation>
    </message>
    <message>
        <source>My identity</source>
        <translation>我的身份</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Trusted organizations</source>
        <translation>受信任的评审机构</translation>
    </message>
</context>
<context>
    <name>InspectionPage</name>
    <message>
        <source>{size} KB, SHA-256 {digest}</source>
        <translation>{size} KB，SHA-256 {digest}</translation>
    </message>
    <message>
        <source>{width} × {height} pixels</source>
        <translation>{width} × {height} 像素</translation>
    </message>
    <message>
        <source>Taken {time}</source>
        <translation>拍摄于 {time}</translation>
    </message>
    <message>
        <source>GPS {lat:.5f}, {lon:.5f}</source>
        <translation>GPS 坐标 {lat:.5f}, {lon:.5f}</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Checklist item</source>
        <translation>考察项</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>考察结果</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Inspection log: times, inspectors, site notes</source>
        <translation>考察记录：时间、考察人员、现场记录</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Photos or PDF documents, attached to the selected item</source>
        <translation>照片或 PDF 文件，添加到所选考察项</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <source>All photos and PDFs in a folder (e.g. from a phone), then “Match by time”</source>
        <translation>导入文件夹中的全部照片和 PDF 文件（例如从手机导出的），然后使用“按时间匹配”</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Not placed on an item ({count})</source>
        <translation>未归入考察项（{count}）</translation>
    </message>
    <message>
        <source>Start inspection</source>
        <translation>开始考察</translation>
    </message>
    <message>
        <source>Finish inspection</source>
        <translation>结束考察</translation>
    </message>
    <message>
        <source>Started {time}</source>
        <translation>开始于 {time}</translation>
    </message>
    <message>
        <source>finished {time}</source>
        <translation>结束于 {time}</translation>
    </message>
    <message>
        <source>Not started: press “Start inspection” on arrival.</source>
        <translation>尚未开始：到达现场后请点击“开始考察”。</translation>
    </message>
    <message>
        <source>✓ Saved {time}</source>
        <translation>✓ 已于 {time} 保存</translation>
    </message>
    <message>
        <source>Attach photos or documents</source>
        <translation>添加照片或文件</translation>
    </message>
    <message>
        <source>Photos and PDF documents ({patterns})</source>
        <translation>照片和 PDF 文件 ({patterns})</translation>
    </message>
    <message>
        <source>Import all photos and documents in a folder</source>
        <translation>导入文件夹中的全部照片和文件</translation>
    </message>
    <message>
        <source>An import is still running; wait for it or cancel it.</source>
        <translation>导入仍在进行中，请等待完成或将其取消。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Importing {done} of {total}…</source>
        <translation>正在导入第 {done} 个，共 {total} 个…</translation>
    </message>
    <message>
        <source>Import cancelled; {count} file(s) imported before that are kept.</source>
        <translation>导入已取消；此前已导入的 {count} 个文件予以保留。</translation>
    </message>
    <message>
        <source>Imported {count} file(s).</source>
        <translation>已导入 {count} 个文件。</translation>
    </message>
    <message>
        <source>{count} already attached, skipped.</source>
        <translation>{count} 个文件此前已添加，已跳过。</translation>
    </message>
    <message>
        <source>{count} other file(s) (not photos or PDF) left alone.</source>
        <translation>{count} 个其他文件（非照片或 PDF）未作处理。</translation>
    </message>
    <message>
        <source>Refused {count}:</source>
        <translation>未能导入 {count} 个：</translation>
    </message>
    <message>
        <source>Remove attachments</source>
        <translation>移除附件</translation>
    </message>
    <message>
        <source>Remove {count} attachment(s) from this inspection? The encrypted copies are deleted; the files you imported them from are not touched.</source>
        <translation>要从本次考察中移除 {count} 个附件吗？程序内的加密副本将被删除；您导入时使用的原始文件不受影响。</translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <source>▶ Now inspecting this item</source>
        <translation>▶ 正在考察此项</translation>
    </message>
    <message>
        <source>Records the time. “Match by time” later places each photo on the item you were inspecting when it was taken.</source>
        <translation>记录当前时间。之后使用“按时间匹配”，每张照片会自动归入拍摄时您正在考察的考察项。</translation>
    </message>
    <message>
        <source>Result (Alt+1 … Alt+{count})</source>
        <translation>考察结果（Alt+1 … Alt+{count}）</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>说明(&amp;N)：</translation>
    </message>
    <message>
        <source>Claimed in the application vs observed on site</source>
        <translation>申报内容与现场所见对照</translation>
    </message>
    <message>
        <source>&amp;Observed on site:</source>
        <translation>现场所见(&amp;O)：</translation>
    </message>
    <message>
        <source>What I observed &amp;differs from the application</source>
        <translation>现场所见与申报内容不符(&amp;D)</translation>
    </message>
    <message>
        <source>Photos and documents</source>
        <translation>照片和文件</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{section} · evidence expected: {expected}</source>
        <translation>{section} · 需要的佐证材料：{expected}</translation>
    </message>
    <message>
        <source>optional for you: assigned to {fields}</source>
        <translation>对您为选填：本项属于{fields}专业</translation>
    </message>
    <message>
        <source>The application declares nothing specific for this item; record what you saw if it matters.</source>
        <translation>申报材料对此项没有具体声明；如有必要，请记录您的所见。</translation>
    </message>
    <message>
        <source>⚠ The result “{result}” needs a note.</source>
        <translation>⚠ 结果为“{result}”时需填写说明。</translation>
    </message>
    <message>
        <source>A note is required for: {results}.</source>
        <translation>以下结果需填写说明：{results}。</translation>
    </message>
    <message>
        <source>⚠ Say what you observed.</source>
        <translation>⚠ 请说明您的所见。</translation>
    </message>
    <message>
        <source>Inspected at: {times}</source>
        <translation>考察时间：{times}</translation>
    </message>
    <message>
        <source>Not yet marked as inspected.</source>
        <translation>尚未标记为已考察。</translation>
    </message>
    <message>
        <source>Drop photos or PDF files here, or use “Add files…”. Double-click to view.</source>
        <translation>将照片或 PDF 文件拖放到这里，或点击“添加文件…”。双击可查看。</translation>
    </message>
    <message>
        <source>Expected and not attached yet: {kinds}. </source>
        <translation>需要但尚未添加：{kinds}。</translation>
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
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>设置(&amp;T)</translation>
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
        <source>Open &amp;panel files (packages, re-check requests, answers)…</source>
        <translation>打开专家组文件（评分包、复核请求与答复）(&amp;P)…</translation>
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
        <translation>身份与信任(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Guide to a review</source>
        <translation>评审指南(&amp;G)</translation>
    </message>
    <message>
        <source>Ready. Your data is kept in {folder}</source>
        <translation>就绪。您的数据保存在 {folder}</translation>
    </message>
    <message>
        <source>Expert Review was started again; this window is the one to use.</source>
        <translation>专家评审程序又被启动了一次；请使用本窗口。</translation>
    </message>
    <message>
        <source>Opening your data…</source>
        <translation>正在打开您的数据…</translation>
    </message>
    <message>
        <source>Expert Review — demo</source>
        <translation>专家评审（演示）</translation>
    </message>
    <message>
        <source>Demo: you are {name} ({field}); your passphrase is {passphrase}. The demo organization&apos;s files are in {folder}.</source>
        <translation>演示模式：您的身份是 {name}（{field}），口令为 {passphrase}。演示评审机构的文件位于 {folder}。</translation>
    </message>
    <message>
        <source>Opening “{title}”…</source>
        <translation>正在打开“{title}”…</translation>
    </message>
    <message>
        <source>✓ Saved {time}</source>
        <translation>✓ 已于 {time} 保存</translation>
    </message>
    <message>
        <source>Opened “{title}”. Every change is saved as you type.</source>
        <translation>已打开“{title}”。您的每一处修改都会随时自动保存。</translation>
    </message>
    <message>
        <source>Cannot open your data</source>
        <translation>无法打开您的数据</translation>
    </message>
    <message>
        <source>Delete from this computer</source>
        <translation>从本机删除</translation>
    </message>
    <message>
        <source>Delete “{name}” from this computer?

The bundle, your scores, comments, notes, inspection results, photos and the stored copies of your signed sheets are deleted and cannot be brought back. Score packages you exported (for example to a USB stick) stay where they are.</source>
        <translation>要从本机删除“{name}”吗？

材料包、您的评分、评语、记录、考察结论、照片以及已签名评分表的存档副本都将被删除，无法恢复。您已导出的评分包（例如在U盘上）保留在原处。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>“{name}” and its data were deleted from this computer.</source>
        <translation>已从本机删除“{name}”及其数据。</translation>
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
    <message>
        <source>Open the application first: score packages and re-check files belong to one application&apos;s panel.</source>
        <translation>请先打开相应项目：评分包和复核文件属于某一项目的专家组。</translation>
    </message>
</context>
<context>
    <name>MaterialsViewer</name>
    <message>
        <source>“{title}”, page {page}</source>
        <translation>《{title}》第 {page} 页</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Search in this document</source>
        <translation>在本文件中查找</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一处</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一处</translation>
    </message>
    <message>
        <source>Cite this page</source>
        <translation>引用本页</translation>
    </message>
    <message>
        <source>Go to page</source>
        <translation>转到页</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件列表</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>JPEG image</source>
        <translation>JPEG 图片</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <source>Other file</source>
        <translation>其他文件</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation>{size} KB</translation>
    </message>
    <message>
        <source>Choose a document on the left to read it here.</source>
        <translation>请在左侧选择一份文件，在此处阅读。</translation>
    </message>
    <message>
        <source>This PDF is damaged and cannot be shown. Ask the review organization for a new copy.</source>
        <translation>此 PDF 文件已损坏，无法显示。请向评审机构索取新的副本。</translation>
    </message>
    <message>
        <source>This PDF is locked with a password and cannot be shown. Ask the review organization for an unlocked copy.</source>
        <translation>此 PDF 文件设有密码保护，无法显示。请向评审机构索取未加密的副本。</translation>
    </message>
    <message>
        <source>This image is damaged or in a format the app cannot read, so it cannot be shown.</source>
        <translation>此图片已损坏或格式无法识别，无法显示。</translation>
    </message>
    <message>
        <source>This text file is too long to show in the app (more than {size} MB).</source>
        <translation>此文本文件过长（超过 {size} MB），无法在应用内显示。</translation>
    </message>
    <message>
        <source>This image is too large to show in the app ({megapixels} million pixels).</source>
        <translation>此图片过大（{megapixels} 百万像素），无法在应用内显示。</translation>
    </message>
    <message>
        <source>Files of this kind ({type}) cannot be shown in the app.</source>
        <translation>此类文件（{type}）无法在程序中显示。</translation>
    </message>
    <message>
        <source>Opening “{title}”…</source>
        <translation>正在打开“{title}”…</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>第 {page} 页，共 {count} 页</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>{count} matches</source>
        <translation>共 {count} 处</translation>
    </message>
    <message>
        <source>Match {current} of {count}</source>
        <translation>第 {current} 处，共 {count} 处</translation>
    </message>
</context>
<context>
    <name>MissingPanel</name>
    <message>
        <source>Signed: the score sheet is locked. To change it, choose “Amend…” on the Sign and export tab.</source>
        <translation>已签署：评分表已锁定。如需修改，请在“签署与导出”页点击“修订…”。</translation>
    </message>
    <message>
        <source>Still to do: {count}</source>
        <translation>尚待完成：{count} 项</translation>
    </message>
    <message>
        <source>✓ Complete: ready to sign</source>
        <translation>✓ 已完成，可以签署</translation>
    </message>
</context>
<context>
    <name>NotesPage</name>
    <message>
        <source>New question (Ctrl+N)</source>
        <translation>新增提问（Ctrl+N）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Question asked:</source>
        <translation>提问：</translation>
    </message>
    <message>
        <source>Answer given:</source>
        <translation>回答：</translation>
    </message>
    <message>
        <source>Concerns these criteria (shown beside them while scoring):</source>
        <translation>涉及以下评分项（评分时将显示在相应评分项旁）：</translation>
    </message>
</context>
<context>
    <name>OpinionPage</name>
    <message>
        <source>Overall opinion on the application:</source>
        <translation>对本申报项目的评审意见：</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>推荐意见</translation>
    </message>
    <message>
        <source>{length} characters (at least {minimum})</source>
        <translation>{length} 字（至少 {minimum} 字）</translation>
    </message>
    <message>
        <source>{length} characters</source>
        <translation>{length} 字</translation>
    </message>
</context>
<context>
    <name>PanelView</name>
    <message>
        <source>Panel of {title}: {count} members</source>
        <translation>{title} 专家组：{count} 位成员</translation>
    </message>
    <message>
        <source>Leader: {name} (named by the organization at sealing)</source>
        <translation>组长：{name}（组织单位封装时指定）</translation>
    </message>
    <message>
        <source>&amp;Draft the group opinion…</source>
        <translation>起草专家组意见(&amp;D)…</translation>
    </message>
    <message>
        <source>Ask for a &amp;re-check…</source>
        <translation>请求复核(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Sign a group opinion…</source>
        <translation>签署专家组意见(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Answer a re-check…</source>
        <translation>答复复核(&amp;A)…</translation>
    </message>
    <message>
        <source>Asse&amp;mble…</source>
        <translation>汇编成稿(&amp;M)…</translation>
    </message>
    <message>
        <source>Checking {count} package(s) against the bundle&apos;s panel list…</source>
        <translation>正在按评审包的专家组名单核验 {count} 个评分包…</translation>
    </message>
    <message>
        <source>{accepted} package(s) accepted, {refused} refused.</source>
        <translation>已接受 {accepted} 个评分包，拒绝 {refused} 个。</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Trimmed mean</source>
        <translation>截尾均值</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>极差</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>采用</translation>
    </message>
    <message>
        <source>Not yet returned: {names}</source>
        <translation>尚未提交：{names}</translation>
    </message>
    <message>
        <source>&amp;Import panel files…</source>
        <translation>导入专家组文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Checking the packages imported earlier…</source>
        <translation>正在重新核验此前导入的评分包…</translation>
    </message>
    <message>
        <source>Score packages (.rvs), re-check requests (.recheck) and answers (.recheck-answer); a folder or files dropped here work too (Ctrl+I)</source>
        <translation>评分包（.rvs）、复核请求（.recheck）和复核答复（.recheck-answer）；也可选择文件夹或将文件拖放到此处（Ctrl+I）</translation>
    </message>
    <message>
        <source>Nothing of the other members&apos; scores is shown before you have signed your own score sheet for this application (sign it on the “Sign and export” tab, or import your own signed package).</source>
        <translation>在您签署本项目自己的评分表之前，不显示其他成员的任何评分（请在“签署与导出”页签名，或导入您本人已签名的评分包）。</translation>
    </message>
    <message>
        <source>Veto items raised</source>
        <translation>提出的否决项</translation>
    </message>
    <message>
        <source>Inspection discrepancies</source>
        <translation>考察中发现的不符</translation>
    </message>
    <message>
        <source>Re-checks</source>
        <translation>复核</translation>
    </message>
    <message>
        <source>Veto item</source>
        <translation>否决项</translation>
    </message>
    <message>
        <source>Raised by — reason</source>
        <translation>提出人 — 理由</translation>
    </message>
    <message>
        <source>Panel&apos;s ruling</source>
        <translation>专家组裁定</translation>
    </message>
    <message>
        <source>Panel&apos;s reason</source>
        <translation>专家组理由</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Checklist item</source>
        <translation>考察项目</translation>
    </message>
    <message>
        <source>Claimed in the application</source>
        <translation>申报内容</translation>
    </message>
    <message>
        <source>Observed on site</source>
        <translation>现场实际情况</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>提出时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Method: the value used is the trimmed mean when at least {trim_min} members scored a criterion (the {trim} highest and {trim} lowest scores dropped), else the mean; the panel&apos;s score is the sum of the values used. Spread: highest − lowest. Orange: an outlier, further from the criterion&apos;s median than {share} % of its maximum (totals: of the rubric&apos;s total).</source>
        <translation>计分方法：某指标有不少于 {trim_min} 位成员评分时，采用值为去掉 {trim} 个最高分和 {trim} 个最低分后的平均值，否则为平均值；专家组得分为各指标采用值之和。极差：最高分 − 最低分。橙色：离群分，与该指标中位数之差超过其满分的 {share} %（总分：超过评分标准总分的 {share} %）。</translation>
    </message>
    <message>
        <source>Panel files</source>
        <translation>专家组文件</translation>
    </message>
    <message>
        <source>Panel files (*.rvs *.recheck *.recheck-answer)</source>
        <translation>专家组文件 (*.rvs *.recheck *.recheck-answer)</translation>
    </message>
    <message>
        <source>This is a member&apos;s signature of the group opinion: the leader makes the final file from the draft and every signature with “Assemble…”.</source>
        <translation>这是成员对专家组意见的签署文件：组长用“汇编成稿…”把定稿和全部签署文件汇编成正式文件。</translation>
    </message>
    <message>
        <source>This is a finished group opinion: the organization checks it with reviewer-org verify; there is nothing to import.</source>
        <translation>这是已完成的专家组意见：由组织单位用 reviewer-org verify 核验，无需导入。</translation>
    </message>
    <message>
        <source>The file cannot be read: {reason}</source>
        <translation>无法读取该文件：{reason}</translation>
    </message>
    <message>
        <source>Open the application from your library to receive a re-check request.</source>
        <translation>请从评审库中打开该项目后再接收复核请求。</translation>
    </message>
    <message>
        <source>{file} is the re-check request you sent to {name}; import the answer file when it comes back.</source>
        <translation>{file} 是您发给{name}的复核请求；收到答复文件后请导入答复文件。</translation>
    </message>
    <message>
        <source>The re-check request from {name} is shown at the top of this application until you answer it.</source>
        <translation>{name} 的复核请求显示在本项目顶部，直到您答复为止。</translation>
    </message>
    <message>
        <source>Open the application from your library to import a re-check answer.</source>
        <translation>请从评审库中打开该项目后再导入复核答复。</translation>
    </message>
    <message>
        <source>{name} answered the re-check.</source>
        <translation>{name} 已答复复核。</translation>
    </message>
    <message>
        <source>Outlier: further from the criterion&apos;s median ({median}) than {share} % of its maximum</source>
        <translation>离群：与该指标中位数（{median}）之差超过满分的 {share} %</translation>
    </message>
    <message>
        <source>Subtotal: {section} ({maximum})</source>
        <translation>小计：{section}（{maximum}）</translation>
    </message>
    <message>
        <source>Total (of the criteria each member scored)</source>
        <translation>总分（各成员所评指标）</translation>
    </message>
    <message>
        <source>Outlier: further from the median of the totals ({median}) than {share} % of the rubric&apos;s total</source>
        <translation>离群：与总分中位数（{median}）之差超过评分标准总分的 {share} %</translation>
    </message>
    <message>
        <source>Total on the rubric&apos;s scale ({total})</source>
        <translation>折合总分（满分 {total}）</translation>
    </message>
    <message>
        <source>Every member&apos;s package is in.</source>
        <translation>全部成员的评分包均已导入。</translation>
    </message>
    <message>
        <source>Recused: {names}</source>
        <translation>回避：{names}</translation>
    </message>
    <message>
        <source>Not ruled yet</source>
        <translation>尚未裁定</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>确认否决</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>不予认定</translation>
    </message>
    <message>
        <source>The panel&apos;s reason (required)</source>
        <translation>专家组理由（必填）</translation>
    </message>
    <message>
        <source>No member raised a veto item.</source>
        <translation>没有成员提出否决项。</translation>
    </message>
    <message>
        <source>No member noted a discrepancy on site.</source>
        <translation>没有成员在现场考察中记录不符情况。</translation>
    </message>
    <message>
        <source>Inspection discrepancies ({count})</source>
        <translation>考察中发现的不符（{count}）</translation>
    </message>
    <message>
        <source>Asked, not answered yet (outstanding)</source>
        <translation>已提出，尚未答复（待答复）</translation>
    </message>
    <message>
        <source>its package is imported</source>
        <translation>其评分包已导入</translation>
    </message>
    <message>
        <source>import its package</source>
        <translation>请导入其评分包</translation>
    </message>
    <message>
        <source>Answered by amendment: revision {number} ({where})</source>
        <translation>已以修订答复：第 {number} 版（{where}）</translation>
    </message>
    <message>
        <source>Answered by justification: {text}</source>
        <translation>已以说明答复（维持评分）：{text}</translation>
    </message>
    <message>
        <source>No re-check asked yet: select a member&apos;s score, then “Ask for a re-check…”.</source>
        <translation>尚未提出复核：选中某位成员的评分，再选择“请求复核…”。</translation>
    </message>
    <message>
        <source>Re-checks ({count} outstanding)</source>
        <translation>复核（{count} 项待答复）</translation>
    </message>
    <message>
        <source>The organization named {name} leader of this application when it sealed the bundle; only {name} can draft the group opinion or ask for a re-check.</source>
        <translation>组织单位在封装评审包时已指定 {name} 为本项目的专家组组长；只有 {name} 可以起草专家组意见或发起复核。</translation>
    </message>
    <message>
        <source>Select a score of the member you want to ask, then choose “Ask for a re-check…”.</source>
        <translation>请先选中要询问的成员的某个分数，再选择“请求复核…”。</translation>
    </message>
    <message>
        <source>Folder for the re-check request</source>
        <translation>复核请求保存的文件夹</translation>
    </message>
    <message>
        <source>Re-check request saved: {file}. Give it to {name}; import the answer file here when it comes back.</source>
        <translation>复核请求已保存：{file}。请交给{name}；收到答复文件后在此导入。</translation>
    </message>
    <message>
        <source>Frozen group opinion</source>
        <translation>专家组意见定稿</translation>
    </message>
    <message>
        <source>Group opinion drafts (*.opinion.json)</source>
        <translation>专家组意见定稿 (*.opinion.json)</translation>
    </message>
    <message>
        <source>Sign your own score sheet for this application first: the group opinion shows the other members&apos; scores.</source>
        <translation>请先签署您本人对本项目的评分表：专家组意见中含有其他成员的评分。</translation>
    </message>
    <message>
        <source>Re-check request</source>
        <translation>复核请求</translation>
    </message>
    <message>
        <source>Re-check requests (*.recheck)</source>
        <translation>复核请求 (*.recheck)</translation>
    </message>
    <message>
        <source>The members&apos; signature files</source>
        <translation>成员的签署文件</translation>
    </message>
    <message>
        <source>Signature files (*.opinion-sig)</source>
        <translation>签署文件 (*.opinion-sig)</translation>
    </message>
    <message>
        <source>The group opinion is complete: {file}</source>
        <translation>专家组意见已汇编完成：{file}</translation>
    </message>
</context>
<context>
    <name>Passphrase</name>
    <message>
        <source>Very weak</source>
        <translation>很弱</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>较强</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>强</translation>
    </message>
</context>
<context>
    <name>PassphraseFields</name>
    <message>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <source>Repeat it:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>强度：</translation>
    </message>
    <message>
        <source>The two entries are not the same.</source>
        <translation>两次输入不一致。</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least 10 characters that others cannot guess. It protects your signing key; nobody can recover it for you.</source>
        <translation>请设置一个至少 10 个字符、他人无法猜到的口令。口令用于保护您的签名密钥；一旦遗忘，任何人都无法为您找回。</translation>
    </message>
    <message>
        <source>✓ Good passphrase.</source>
        <translation>✓ 口令符合要求。</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Your passphrase</source>
        <translation>您的口令</translation>
    </message>
    <message>
        <source>You will type it whenever you open a bundle or sign a score sheet.</source>
        <translation>每次打开材料包或签署评分表时，都需要输入此口令。</translation>
    </message>
</context>
<context>
    <name>PassphraseTab</name>
    <message>
        <source>Change passphrase</source>
        <translation>更改口令</translation>
    </message>
    <message>
        <source>Current passphrase:</source>
        <translation>当前口令：</translation>
    </message>
    <message>
        <source>New passphrase:</source>
        <translation>新口令：</translation>
    </message>
    <message>
        <source>Your passphrase was changed.</source>
        <translation>口令已更改。</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>PinOrganizationDialog</name>
    <message>
        <source>Trust this organization?</source>
        <translation>信任此评审机构？</translation>
    </message>
    <message>
        <source>Compare the fingerprint below, group by group, with the one the review organization announced to you (on paper, by phone or at the session). Trust the certificate only if every group is the same.</source>
        <translation>请将下方的指纹与评审机构告知您的指纹（书面、电话或在评审会上）逐组核对。只有每一组都相同时，才可信任此证书。</translation>
    </message>
    <message>
        <source>Organization:</source>
        <translation>评审机构：</translation>
    </message>
    <message>
        <source>Certificate name:</source>
        <translation>证书名称：</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>有效期：</translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256):</source>
        <translation>指纹（SHA-256）：</translation>
    </message>
    <message>
        <source>I compared every group and the fingerprint is the same as announced</source>
        <translation>我已逐组核对，指纹与告知的完全一致</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>信任</translation>
    </message>
</context>
<context>
    <name>PreparingDemo</name>
    <message>
        <source>Preparing the demo…</source>
        <translation>正在准备演示数据…</translation>
    </message>
    <message>
        <source>The first start builds the demo review: an organization, five experts and two sealed applications, all signed with real keys. This takes about half a minute; the library appears by itself.</source>
        <translation>首次启动时会生成演示评审：一个评审机构、五位专家和两份已封装的申报材料，全部用真实密钥签名。大约需要半分钟，完成后材料库会自动出现。</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Your details</source>
        <translation>您的个人信息</translation>
    </message>
    <message>
        <source>They appear on your enrolment card and on every score sheet you sign.</source>
        <translation>这些信息将显示在您的专家注册卡以及您签署的每一份评分表上。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Field of expertise:</source>
        <translation>专业领域：</translation>
    </message>
    <message>
        <source>Organization you work for:</source>
        <translation>工作单位：</translation>
    </message>
    <message>
        <source>Professional title:</source>
        <translation>职称：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Email (optional):</source>
        <translation>电子邮箱（选填）：</translation>
    </message>
</context>
<context>
    <name>ProfileTab</name>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Field of expertise:</source>
        <translation>专业领域：</translation>
    </message>
    <message>
        <source>Organization you work for:</source>
        <translation>工作单位：</translation>
    </message>
    <message>
        <source>Professional title:</source>
        <translation>职称：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>电子邮箱：</translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256):</source>
        <translation>指纹（SHA-256）：</translation>
    </message>
    <message>
        <source>Certificate valid until:</source>
        <translation>证书有效期至：</translation>
    </message>
    <message>
        <source>Save enrolment card again…</source>
        <translation>重新保存专家注册卡…</translation>
    </message>
    <message>
        <source>Make a new identity…</source>
        <translation>创建新身份…</translation>
    </message>
    <message>
        <source>If you forgot your passphrase: your current identity is archived (not deleted) and you enrol again.</source>
        <translation>如果忘记了口令：当前身份将被归档（不会删除），您需要重新注册。</translation>
    </message>
    <message>
        <source>Card saved</source>
        <translation>注册卡已保存</translation>
    </message>
</context>
<context>
    <name>RecheckBanner</name>
    <message>
        <source>⚑ Re-check requested by {leader} ({asked}) about {criteria}: “{question}”</source>
        <translation>⚑ {leader} 请求复核（{asked}）{criteria}：“{question}”</translation>
    </message>
    <message>
        <source>Answer…</source>
        <translation>答复…</translation>
    </message>
    <message>
        <source>Folder for the answer (for example the leader&apos;s USB stick)</source>
        <translation>答复文件的保存位置（例如组长的U盘）</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <source>Your question to the member (required)</source>
        <translation>您向该成员提出的问题（必填）</translation>
    </message>
    <message>
        <source>Ask {name} to re-check these criteria:</source>
        <translation>请 {name} 复核以下指标：</translation>
    </message>
    <message>
        <source>Re-check request</source>
        <translation>复核请求</translation>
    </message>
</context>
<context>
    <name>ScoreOverviewDialog</name>
    <message>
        <source>All my scores</source>
        <translation>我的全部评分</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>评分项</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评语</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>not scored</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Total {total} of {maximum}; {count} criterion/criteria not scored yet.</source>
        <translation>合计 {total} 分（满分 {maximum} 分）；还有 {count} 项未评分。</translation>
    </message>
    <message>
        <source>Total {total} of {maximum}; every criterion is scored.</source>
        <translation>合计 {total} 分（满分 {maximum} 分）；各项均已评分。</translation>
    </message>
</context>
<context>
    <name>Scoring</name>
    <message>
        <source>Scores go from 0 to {maximum} in steps of {step}.</source>
        <translation>分值范围为 0–{maximum} 分，以 {step} 分为单位。</translation>
    </message>
</context>
<context>
    <name>ScoringPage</name>
    <message>
        <source>Criterion</source>
        <translation>评分项</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Only criteria of my field ({field})</source>
        <translation>只显示本人领域（{field}）的评分项</translation>
    </message>
    <message>
        <source>Veto items</source>
        <translation>否决项</translation>
    </message>
    <message>
        <source>{kind} {period}: the panel&apos;s score gives the grade — {bands}.</source>
        <translation>{kind}（{period}）：按专家组综合得分定等级——{bands}。</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>已提出</translation>
    </message>
    <message>
        <source>Total: {total} / {maximum}</source>
        <translation>总分：{total} / {maximum}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Open a bundle</source>
        <translation>打开材料包</translation>
    </message>
    <message>
        <source>Undo / redo the last change in the review</source>
        <translation>撤销 / 重做评审中的上一处修改</translation>
    </message>
    <message>
        <source>Materials, Scoring, Defense notes, On-site inspection, Opinion, Sign and export, Panel</source>
        <translation>申报材料、评分、答辩记录、现场考察、评审意见、签署与导出、专家组</translation>
    </message>
    <message>
        <source>Go to the next thing still to do</source>
        <translation>转到下一项尚待完成的内容</translation>
    </message>
    <message>
        <source>Next / previous criterion (Scoring)</source>
        <translation>下一个 / 上一个评分项（评分）</translation>
    </message>
    <message>
        <source>Accept the score typed (Scoring)</source>
        <translation>确认输入的分数（评分）</translation>
    </message>
    <message>
        <source>New defense question (Defense notes)</source>
        <translation>新增答辩提问（答辩记录）</translation>
    </message>
    <message>
        <source>Search in the document, next / previous match (Materials)</source>
        <translation>在文档中查找，下一处 / 上一处匹配（申报材料）</translation>
    </message>
    <message>
        <source>Next / previous page (Materials)</source>
        <translation>下一页 / 上一页（申报材料）</translation>
    </message>
    <message>
        <source>Zoom in / out / fit width (Materials)</source>
        <translation>放大 / 缩小 / 适合宽度（申报材料）</translation>
    </message>
    <message>
        <source>Cite this page in the comment of the current criterion (Materials)</source>
        <translation>在当前评分项的评语中引用此页（申报材料）</translation>
    </message>
    <message>
        <source>Choose the result of a checklist item (On-site inspection)</source>
        <translation>选择考察项的结论（现场考察）</translation>
    </message>
    <message>
        <source>Open panel files: score packages, re-check requests and answers (Panel)</source>
        <translation>打开专家组文件：评分包、复核请求与答复（专家组）</translation>
    </message>
    <message>
        <source>All my scores, with bands and comments, in one table</source>
        <translation>我的全部评分（含等级和评语）一览</translation>
    </message>
    <message>
        <source>Sign, in the passphrase box (Sign and export)</source>
        <translation>在口令框中按回车即签署（签署与导出）</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>本列表</translation>
    </message>
    <message>
        <source>Quit (everything is already saved)</source>
        <translation>退出（所有内容均已保存）</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>功能</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here with the mouse or a pen</source>
        <translation>请在此处用鼠标或手写笔签名</translation>
    </message>
</context>
<context>
    <name>SigningPage</name>
    <message>
        <source>Handwritten signature</source>
        <translation>手写签名</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Undo stroke</source>
        <translation>撤销一笔</translation>
    </message>
    <message>
        <source>Load signature image…</source>
        <translation>载入签名图片…</translation>
    </message>
    <message>
        <source>Your passphrase:</source>
        <translation>您的口令：</translation>
    </message>
    <message>
        <source>Criterion, maximum, score, band and comment of every criterion (Ctrl+Shift+A)</source>
        <translation>每个评分项的满分、得分、等级和评语（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>修订…</translation>
    </message>
    <message>
        <source>Signed revisions</source>
        <translation>已签署的版本</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>Signed at</source>
        <translation>签署时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>修订理由</translation>
    </message>
    <message>
        <source>Exported to</source>
        <translation>导出位置</translation>
    </message>
    <message>
        <source>View signed sheet</source>
        <translation>查看已签署的评分表</translation>
    </message>
    <message>
        <source>Export again…</source>
        <translation>重新导出…</translation>
    </message>
    <message>
        <source>You declared a conflict of interest and withdrew from this review:
{reason}

Sign the recusal and give the package to the review organization.</source>
        <translation>您已声明存在利害关系，并已回避本次评审：
{reason}

请签署回避声明，并将评分包交给评审机构。</translation>
    </message>
    <message>
        <source>Not complete yet: {count} item(s) left (see “Still to do”). Signing is possible once the list is empty.</source>
        <translation>尚未完成：还剩 {count} 项（见“尚待完成”）。全部完成后方可签署。</translation>
    </message>
    <message>
        <source>Amendment in progress ({reason}). Sign to create the next revision.</source>
        <translation>正在修订（{reason}）。签署后将生成下一版。</translation>
    </message>
    <message>
        <source>Complete. Preview the score sheet, sign it and export the package.</source>
        <translation>已完成。请预览评分表，然后签署并导出评分包。</translation>
    </message>
    <message>
        <source>Sign recusal and export…</source>
        <translation>签署回避声明并导出…</translation>
    </message>
    <message>
        <source>Sign and export…</source>
        <translation>签署并导出…</translation>
    </message>
    <message>
        <source>Signature image</source>
        <translation>选择签名图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>“{name}” cannot be used as a signature image: it is not a PNG or JPEG picture of reasonable size.</source>
        <translation>“{name}”不能用作签名图片：它不是大小适当的 PNG 或 JPEG 图片。</translation>
    </message>
    <message>
        <source>Draft preview</source>
        <translation>草稿预览</translation>
    </message>
    <message>
        <source>The score sheet as it stands, marked 草稿 (draft): possible at any time, never signed.</source>
        <translation>按当前内容生成的评分表，标有“草稿”字样：随时可看，不会被签署。</translation>
    </message>
    <message>
        <source>All my scores…</source>
        <translation>我的全部评分…</translation>
    </message>
    <message>
        <source>Print signed sheet…</source>
        <translation>打印已签署的评分表…</translation>
    </message>
    <message>
        <source>Signed (revision {revision}). The review is locked; to change anything, choose “Amend…” and give the reason.</source>
        <translation>已签署（第 {revision} 版）。本次评审已锁定；如需修改，请点击“修订…”并说明理由。</translation>
    </message>
    <message>
        <source>⚠ Today ({today}) is not the session date of this review ({session}). You can still sign; the sheet will state both dates.</source>
        <translation>⚠ 今天（{today}）不是本次评审的评审日期（{session}）。仍可签署；评分表上会写明这两个日期。</translation>
    </message>
    <message>
        <source>Draft score sheet (草稿, not signed)</source>
        <translation>评分表草稿（未签署）</translation>
    </message>
    <message>
        <source>Sign in the box first (or load an image of your signature).</source>
        <translation>请先在签名框内签名（或载入您的签名图片）。</translation>
    </message>
    <message>
        <source>Enter your passphrase to sign.</source>
        <translation>签署前请输入您的口令。</translation>
    </message>
    <message>
        <source>Not signed: no folder was chosen.</source>
        <translation>未签署：没有选择保存文件夹。</translation>
    </message>
    <message>
        <source>Folder for the score package (e.g. a USB stick)</source>
        <translation>选择保存评分包的文件夹（例如U盘）</translation>
    </message>
    <message>
        <source>Signed and exported:
{path}

Give this file to the review organization.</source>
        <translation>已签署并导出：
{path}

请将此文件交给评审机构。</translation>
    </message>
    <message>
        <source>Score package written to {path}</source>
        <translation>评分包已保存至 {path}</translation>
    </message>
    <message>
        <source>Amend the signed review</source>
        <translation>修订已签署的评审</translation>
    </message>
    <message>
        <source>Why does the signed review need to change? The reason is printed on the next revision.</source>
        <translation>为什么需要修改已签署的评审？修订理由将打印在下一版评分表上。</translation>
    </message>
    <message>
        <source>The review is open for the amendment. Make the changes, then sign again.</source>
        <translation>评审已解锁以便修订。请完成修改后重新签署。</translation>
    </message>
    <message>
        <source>Signed revision {n}</source>
        <translation>已签署的第 {n} 版</translation>
    </message>
    <message>
        <source>Score sheet, revision {n}</source>
        <translation>评分表第 {n} 版</translation>
    </message>
    <message>
        <source>The signed score sheet was sent to the printer.</source>
        <translation>已签署的评分表已发送到打印机。</translation>
    </message>
    <message>
        <source>The printer could not be used; check that it is switched on and try again.</source>
        <translation>无法使用打印机；请检查打印机是否已开启，然后重试。</translation>
    </message>
    <message>
        <source>Exported again:
{path}</source>
        <translation>已重新导出：
{path}</translation>
    </message>
</context>
<context>
    <name>SitePanel</name>
    <message>
        <source>Inspection log</source>
        <translation>考察记录</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>开始时间：</translation>
    </message>
    <message>
        <source>Finished:</source>
        <translation>结束时间：</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>&amp;Inspectors present
(one per line):</source>
        <translation>在场考察人员(&amp;I)
（每行一人）：</translation>
    </message>
    <message>
        <source>&amp;Site notes:</source>
        <translation>现场记录(&amp;S)：</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>reviewer-app cannot start: this computer has no screen it can show windows on (no DISPLAY or WAYLAND_DISPLAY, or the display does not answer); start it from a desktop session, or use `bash tools/run.sh demo`, which makes a virtual screen.</source>
        <translation>reviewer-app 无法启动：这台计算机没有可以显示窗口的屏幕（未设置 DISPLAY 或 WAYLAND_DISPLAY，或显示服务没有响应）；请在桌面会话中启动，或使用会创建虚拟屏幕的 `bash tools/run.sh demo`。</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>无法启动</translation>
    </message>
    <message>
        <source>Expert Review is already open with this data folder; its window was brought to the front.</source>
        <translation>专家评审程序已在使用这个数据文件夹，已将它的窗口切换到最前面。</translation>
    </message>
    <message>
        <source>Expert Review is already running with the data folder {folder} (process {pid}), but it does not answer. Two windows on one folder would overwrite each other&apos;s work, so this one does not start. Close the other window, or end that process, then start again.</source>
        <translation>专家评审程序已在使用数据文件夹 {folder}（进程 {pid}），但没有响应。两个窗口同时使用一个文件夹会互相覆盖工作内容，因此本次不启动。请关闭另一个窗口或结束该进程，然后重新启动。</translation>
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
    <name>SummaryPanel</name>
    <message>
        <source>Inspection summary</source>
        <translation>考察汇总</translation>
    </message>
    <message>
        <source>The on-site inspection has not begun. Nothing here is required unless you inspect.</source>
        <translation>现场考察尚未开始。如不进行现场考察，此处无需填写。</translation>
    </message>
    <message>
        <source>started {time}</source>
        <translation>开始于 {time}</translation>
    </message>
    <message>
        <source>finished {time}</source>
        <translation>结束于 {time}</translation>
    </message>
    <message>
        <source>inspectors: {names}</source>
        <translation>考察人员：{names}</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>考察结果</translation>
    </message>
    <message>
        <source>No result yet</source>
        <translation>尚无结果</translation>
    </message>
    <message>
        <source>{count} photo(s) and document(s), {loose} not placed on an item.</source>
        <translation>共 {count} 个照片和文件，其中 {loose} 个未归入考察项。</translation>
    </message>
    <message>
        <source>Discrepancies with the application ({count})</source>
        <translation>与申报内容不符之处（{count}）</translation>
    </message>
    <message>
        <source>Claimed:</source>
        <translation>申报：</translation>
    </message>
    <message>
        <source>Observed:</source>
        <translation>现场所见：</translation>
    </message>
    <message>
        <source>(nothing declared)</source>
        <translation>（未声明）</translation>
    </message>
    <message>
        <source>no result</source>
        <translation>无结果</translation>
    </message>
    <message>
        <source>None recorded.</source>
        <translation>无记录。</translation>
    </message>
    <message>
        <source>Items expecting evidence without any ({count})</source>
        <translation>缺少佐证材料的考察项（{count}）</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Still needed before signing ({count})</source>
        <translation>签署前尚需完成（{count}）</translation>
    </message>
    <message>
        <source>Nothing: the inspection part is complete.</source>
        <translation>无：现场考察部分已完成。</translation>
    </message>
    <message>
        <source>Worth a second look</source>
        <translation>值得再次核实</translation>
    </message>
</context>
<context>
    <name>Time</name>
    <message>
        <source>Beijing time {utc}</source>
        <translation>北京时间 {utc}</translation>
    </message>
    <message>
        <source>{time} ({zone})</source>
        <translation>{time}（{zone}）</translation>
    </message>
</context>
<context>
    <name>TrustPage</name>
    <message>
        <source>Trust the review organization</source>
        <translation>信任评审机构</translation>
    </message>
    <message>
        <source>Import the certificate the review organization gave you. The app opens only bundles sealed by organizations you trust. You can also do this later from Settings.</source>
        <translation>请导入评审机构提供给您的证书。本程序只打开由您信任的评审机构封装的材料包。您也可以稍后在“设置”中完成此步骤。</translation>
    </message>
</context>
<context>
    <name>TrustedOrganizations</name>
    <message>
        <source>Add organization certificate…</source>
        <translation>添加评审机构证书…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>No organization is trusted yet.</source>
        <translation>尚未信任任何评审机构。</translation>
    </message>
    <message>
        <source>Organization certificate</source>
        <translation>评审机构证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer *.der);;所有文件 (*)</translation>
    </message>
    <message>
        <source>the file is far too large for a certificate</source>
        <translation>该文件太大，不可能是证书</translation>
    </message>
    <message>
        <source>The file cannot be read: {reason}</source>
        <translation>无法读取该文件：{reason}</translation>
    </message>
    <message>
        <source>Remove organization</source>
        <translation>移除评审机构</translation>
    </message>
    <message>
        <source>Stop trusting this organization? Bundles it sealed will no longer open.

{name}</source>
        <translation>确定不再信任此评审机构吗？由其封装的材料包将无法再打开。

{name}</translation>
    </message>
    <message>
        <source>Cannot use this certificate</source>
        <translation>无法使用此证书</translation>
    </message>
</context>
<context>
    <name>UnassignedPanel</name>
    <message>
        <source>Not placed on an item</source>
        <translation>未归入考察项</translation>
    </message>
    <message>
        <source>Photos imported from a folder land here. While inspecting, press “Now inspecting this item” on each item; “Match by time” then places every photo on the item you were inspecting when it was taken (the item marked most recently before the photo&apos;s capture time). Photos without a capture time, taken before the first marked item, or outside the inspection&apos;s start and finish stay here for you to place by hand.</source>
        <translation>从文件夹导入的照片会先放在这里。考察时，请在每个考察项上点击“正在考察此项”；之后使用“按时间匹配”，每张照片会归入拍摄时您正在考察的考察项（即拍摄时间之前最近一次标记的考察项）。没有拍摄时间、拍摄于第一次标记之前，或不在考察开始和结束时间之内的照片将留在这里，由您手动归入。</translation>
    </message>
    <message>
        <source>Match by time</source>
        <translation>按时间匹配</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>No item has been marked with “Now inspecting this item” yet, so there is nothing to match against.</source>
        <translation>还没有考察项标记过“正在考察此项”，因此无从匹配。</translation>
    </message>
    <message>
        <source>Placed {count} photo(s) by capture time; {left} left to place by hand (Ctrl+Z undoes).</source>
        <translation>已按拍摄时间归入 {count} 张照片；还有 {left} 张需手动归入（按 Ctrl+Z 可撤销）。</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Enter your passphrase</source>
        <translation>请输入口令</translation>
    </message>
    <message>
        <source>Please try again.</source>
        <translation>请重试。</translation>
    </message>
    <message>
        <source>Forgotten your passphrase? Nobody can recover it: it is stored nowhere, neither by the review organization nor in this app.</source>
        <translation>忘记口令了吗？任何人都无法找回口令：评审机构和本程序都没有保存它。</translation>
    </message>
    <message>
        <source>You can make a new identity instead. Your current one is archived on this computer (kept, not deleted); you then send the organization your new enrolment card and receive new bundles, to which the work you have already entered can be carried over.</source>
        <translation>您可以改为创建新身份。当前身份将在本机归档（保留，不删除）；之后请把新的注册卡交给评审机构，领取新的材料包，您已录入的内容可以转入新材料包。</translation>
    </message>
    <message>
        <source>Make a new identity…</source>
        <translation>创建新身份…</translation>
    </message>
</context>
<context>
    <name>VetoPanel</name>
    <message>
        <source>Raise this veto item</source>
        <translation>提出此否决项</translation>
    </message>
    <message>
        <source>Reason (required when the veto is raised)</source>
        <translation>理由（提出否决项时必填）</translation>
    </message>
    <message>
        <source>⚠ Give the reason for raising this veto.</source>
        <translation>⚠ 请说明提出此否决项的理由。</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>A new identity</source>
        <translation>创建新身份</translation>
    </message>
    <message>
        <source>Your previous identity ({fingerprint}) was archived in {folder}. It was not deleted. Now make the new one; at the end the app tells you exactly what to send the organization.</source>
        <translation>您之前的身份（{fingerprint}）已归档到 {folder}，没有被删除。现在请创建新身份；最后程序会告诉您需要向评审机构发送哪些内容。</translation>
    </message>
    <message>
        <source>Before your first review, the app makes your personal signing key on this computer. It takes a few minutes:

1. Enter your details as the review organization knows them.
2. Choose a passphrase. It protects your key; it is never stored and nobody can recover it.
3. Save your enrolment card and give it to the review organization.
4. Import the organization&apos;s certificate and compare its fingerprint.

Nothing is sent anywhere: this app never uses the network.</source>
        <translation>首次评审之前，程序会在本机为您生成个人签名密钥。整个过程只需几分钟：

1. 填写您的个人信息，须与评审机构掌握的信息一致。
2. 设置口令。口令用于保护您的密钥，不会被保存，一旦遗忘任何人都无法找回。
3. 保存您的专家注册卡，并交给评审机构。
4. 导入评审机构的证书，并核对其指纹。

任何数据都不会被发送出去：本程序从不使用网络。</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>This review is signed and locked. To change it, choose “Amend…” on the Sign tab.</source>
        <translation>本次评审已签署并锁定。如需修改，请在“签署与导出”页中点击“修订…”。</translation>
    </message>
    <message>
        <source>{applicant} · {review} · open until {deadline}</source>
        <translation>{applicant} · {review} · 截止时间 {deadline}</translation>
    </message>
    <message>
        <source>◀ Library</source>
        <translation>◀ 材料包列表</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>申报材料</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Defense notes</source>
        <translation>答辩记录</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>评审意见</translation>
    </message>
    <message>
        <source>On-site inspection</source>
        <translation>现场考察</translation>
    </message>
    <message>
        <source>Sign and export</source>
        <translation>签署与导出</translation>
    </message>
    <message>
        <source>Panel</source>
        <translation>专家组</translation>
    </message>
    <message>
        <source>Values not saved</source>
        <translation>有未保存的数值</translation>
    </message>
    <message>
        <source>{count} value(s) you typed are not saved:

{items}

Leave anyway and lose them?</source>
        <translation>您输入的 {count} 个数值尚未保存：

{items}

仍要离开并放弃这些数值吗？</translation>
    </message>
    <message>
        <source>Select a criterion on the Scoring tab first.</source>
        <translation>请先在“评分”页中选择一个评分项。</translation>
    </message>
    <message>
        <source>Page reference added to “{criterion}”.</source>
        <translation>已将页码引用添加到“{criterion}”。</translation>
    </message>
</context>
<context>
    <name>_SignedFileDialog</name>
    <message>
        <source>&amp;Sign and save</source>
        <translation>签名并保存(&amp;S)</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>文件无法写入：{reason}</translation>
    </message>
</context>
</TS>
