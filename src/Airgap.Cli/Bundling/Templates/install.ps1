<#
.SYNOPSIS
  Installs Airgap from this bundle as a Windows service, or upgrades it in place (the data home and settings stay).
.EXAMPLE
  .\install.ps1                     # install or upgrade, then start the service (run as Administrator)
  .\install.ps1 -NoStart            # install or upgrade, leave the service stopped
  .\install.ps1 -Uninstall [-Purge] # remove the program and the service; -Purge also the data home and settings
#>
[CmdletBinding()]
param(
    [string]$InstallDir = (Join-Path $env:ProgramFiles 'Airgap'),
    [string]$DataHome = (Join-Path $env:ProgramData 'Airgap'),
    [switch]$NoStart,
    [switch]$Uninstall,
    [switch]$Purge
)
$ErrorActionPreference = 'Stop'
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$serviceName = 'Airgap'
$config = Join-Path $DataHome 'airgap.json'
$exe = Join-Path $InstallDir 'airgap.exe'

function Say([string]$text) { Write-Host "airgap: $text" }

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    Write-Error 'install.ps1: run from an elevated PowerShell (Run as Administrator)'; exit 1
}

$existing = Get-Service -Name $serviceName -ErrorAction SilentlyContinue
if ($Uninstall) {
    if ($existing) {
        if ($existing.Status -ne 'Stopped') { Stop-Service -Name $serviceName -Force }
        & sc.exe delete $serviceName | Out-Null
    }
    if (Test-Path $InstallDir) { Remove-Item -Recurse -Force $InstallDir }
    if ($Purge) {
        if (Test-Path $DataHome) { Remove-Item -Recurse -Force $DataHome }
        Say 'removed the program, the service, the data home and the settings'
    } else {
        Say "removed the program and the service; the data home ($DataHome) stays (-Purge removes it)"
    }
    exit 0
}

$build = Join-Path $here 'win-x64'
if (-not (Test-Path (Join-Path $build 'airgap.exe'))) {
    Write-Error "install.ps1: this bundle holds no win-x64 build; make one with 'airgap bundle --rid win-x64'"; exit 1
}

Say 'checking the bundle against SHA256SUMS'
$listed = @{}
foreach ($line in Get-Content (Join-Path $here 'SHA256SUMS')) {
    if ($line.Length -lt 67) { continue }
    $expected = $line.Substring(0, 64)
    $relative = $line.Substring(66)
    $listed[$relative] = $true
    $file = Join-Path $here ($relative -replace '/', '\')
    if (-not (Test-Path $file) -or (Get-FileHash -Algorithm SHA256 $file).Hash -ne $expected.ToUpperInvariant()) {
        Write-Error "install.ps1: the bundle is damaged or was changed: $relative does not match SHA256SUMS; nothing was installed"; exit 1
    }
}
# A file the list does not name (a key or a pack added on the way) would be trusted or imported: refuse it too.
foreach ($file in Get-ChildItem -Path $here -Recurse -File) {
    $relative = $file.FullName.Substring($here.Length + 1) -replace '\\', '/'
    if ($relative -ne 'SHA256SUMS' -and -not $listed.ContainsKey($relative)) {
        Write-Error "install.ps1: the bundle holds $relative, which SHA256SUMS does not list; nothing was installed"; exit 1
    }
}

$wasRunning = $false
if ($existing -and $existing.Status -eq 'Running') {
    $wasRunning = $true
    Say 'stopping the running service for the upgrade'
    Stop-Service -Name $serviceName -Force
}

# The new program is copied whole beside the old one, then swapped in: an interrupted copy leaves the old one working.
Say "installing the program in $InstallDir"
$staging = "$InstallDir.new"
if (Test-Path $staging) { Remove-Item -Recurse -Force $staging }
Copy-Item -Recurse $build $staging
Copy-Item (Join-Path $here 'README.md') $staging
if ($wasRunning) { (Get-Service -Name $serviceName).WaitForStatus('Stopped', [TimeSpan]::FromSeconds(60)) }
$previous = "$InstallDir.old"
if (Test-Path $previous) { Remove-Item -Recurse -Force $previous }
if (Test-Path $InstallDir) { Rename-Item $InstallDir $previous }
try { Move-Item $staging $InstallDir }
catch { if (Test-Path $previous) { Rename-Item $previous $InstallDir }; throw }
if (Test-Path $previous) { Remove-Item -Recurse -Force $previous }

New-Item -ItemType Directory -Force -Path $DataHome | Out-Null
if (-not (Test-Path $config)) { Copy-Item (Join-Path $here 'airgap.json') $config; Say "wrote the settings $config" }
else { Say "kept the settings $config" }

$env:AIRGAP_HOME = $DataHome
$env:AIRGAP_CONFIG = $config
foreach ($key in Get-ChildItem -Path (Join-Path $here 'keys') -Filter '*.pub' -ErrorAction SilentlyContinue) {
    & $exe keys trust $key.FullName; if ($LASTEXITCODE -ne 0) { exit 1 }
}
foreach ($pack in Get-ChildItem -Path (Join-Path $here 'packs') -Directory -ErrorAction SilentlyContinue) {
    Say "importing $($pack.Name)"
    & $exe import $pack.FullName --activate; if ($LASTEXITCODE -ne 0) { exit 1 }
}

if (-not $existing) {
    New-Service -Name $serviceName -DisplayName 'Airgap offline AI service' -BinaryPathName "`"$exe`" serve" `
        -StartupType Automatic -Description 'Ollama- and OpenAI-compatible local inference' | Out-Null
    & sc.exe failure $serviceName reset= 86400 actions= restart/5000/restart/5000/restart/60000 | Out-Null
}
# The service runs as its own virtual account, not LocalSystem; only it, SYSTEM and Administrators may touch the data
# home (keys, trusted signers and settings live there), so a local user can neither read nor plant anything in it.
& sc.exe config $serviceName obj= "NT SERVICE\$serviceName" | Out-Null
& icacls $DataHome /inheritance:r /grant:r "SYSTEM:(OI)(CI)F" "Administrators:(OI)(CI)F" "NT SERVICE\${serviceName}:(OI)(CI)M" | Out-Null
if ($LASTEXITCODE -ne 0) { Write-Error "install.ps1: could not restrict $DataHome to the service"; exit 1 }
# The service reads its data home and settings from its own environment.
Set-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Services\$serviceName" -Name Environment -Type MultiString `
    -Value @("AIRGAP_HOME=$DataHome", "AIRGAP_CONFIG=$config")

if (-not $NoStart -or $wasRunning) {
    Start-Service -Name $serviceName
    Say 'the service is running: Get-Service Airgap'
} else {
    Say 'installed; start it with: Start-Service Airgap'
}
Say "done: $exe, data home $DataHome"
