; Inno Setup script of the QuayThu installer for Windows counter PCs.
;
;   iscc /DAppVersion=0.1.0 build_scripts\quaythu.iss
;
; Input: dist\QuayThu\ from `python build_scripts\build.py` (one folder, not one file).
; Per user, without administrator rights: installed under %LOCALAPPDATA%\Programs\QuayThu.
; The data (store, ops.log, backups, settings) lives apart, in %LOCALAPPDATA%\QuayThu:
; an upgrade installs over the program folder and never touches it; uninstalling keeps
; it unless the person answers "Yes" to removing it (the default is No).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{7D4E2A51-3C6B-4F0E-9A8D-51A3C0DE2026}
AppName=QuayThu
AppVersion={#AppVersion}
AppPublisher=QuayThu
DefaultDirName={localappdata}\Programs\QuayThu
DefaultGroupName=QuayThu
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
OutputDir=..\dist
OutputBaseFilename=QuayThu-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\QuayThu.exe
; an upgrade closes a running QuayThu first instead of leaving a half-replaced folder
CloseApplications=yes
RestartApplications=no
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; the whole bundle; files of an older version that this one no longer has are removed
Source: "..\dist\QuayThu\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\QuayThu"; Filename: "{app}\QuayThu.exe"
Name: "{userdesktop}\QuayThu"; Filename: "{app}\QuayThu.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\QuayThu.exe"; Description: "{cm:LaunchProgram,QuayThu}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\QuayThu');
    if DirExists(DataDir) then
      if SuppressibleMsgBox(
           'Xóa cả dữ liệu của QuayThu (kho dữ liệu, các khoản thu chưa gửi, bản sao lưu) trong '
           + DataDir + '?' + #13#10 + 'Chọn "No" để giữ lại (khuyên dùng).',
           mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
