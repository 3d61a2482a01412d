; Inno Setup script of the Windows installer. Build the bundle first on Windows with
;   .venv\Scripts\python -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller installer\edo-app.spec
; then compile this script:  iscc installer\edo-app.iss  →  dist\edo-app-setup-<version>.exe
; Installs into Program Files, adds start-menu and (optional) desktop shortcuts and an uninstaller;
; the user's data folder (database, keys, settings) is left in place on uninstall.

#define AppName "ЭДО — электронный документооборот"
#define AppVersion "0.1.0"
#define AppExe "edo-app.exe"

[Setup]
AppId={{6B0E3D4C-7A52-4C8B-9E51-3F1D2A8C0E17}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=edo-app
DefaultDirName={autopf}\edo-app
DefaultGroupName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
OutputDir=..\dist
OutputBaseFilename=edo-app-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
ShowLanguageDialog=no

[Languages]
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "Создать значок на рабочем столе"; GroupDescription: "Дополнительные значки:"

[Files]
Source: "..\dist\edo-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\Самопроверка установки"; Filename: "{app}\{#AppExe}"; Parameters: "--self-test"
Name: "{group}\Удалить {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "Запустить программу"; Flags: nowait postinstall skipifsilent
