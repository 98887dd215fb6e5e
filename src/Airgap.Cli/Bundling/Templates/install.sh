#!/bin/sh
# Installs Airgap from this bundle as a systemd service, or upgrades it in place (the data home and settings stay).
#   sudo ./install.sh                      install or upgrade, then start the service
#   sudo ./install.sh --no-start           install or upgrade, leave the service stopped
#   ./install.sh --root DIR                install under DIR only (a staging root: no user, no systemctl)
#   sudo ./install.sh --uninstall [--purge]  remove the program and the unit; --purge also the data home, settings and user
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=""
start=1
action=install
purge=0
service_user=airgap

usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "airgap: $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --root) [ $# -ge 2 ] || { echo "install.sh: --root needs a folder (try --help)" >&2; exit 2; }; root=${2%/}; shift 2 ;;
    --no-start) start=0; shift ;;
    --uninstall) action=uninstall; shift ;;
    --purge) purge=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done

prefix="$root/opt/airgap"
home="$root/var/lib/airgap"
etc="$root/etc/airgap"
unit="$root/etc/systemd/system/airgap.service"
wrapper="$root/usr/local/bin/airgap"
system=0
[ -z "$root" ] && system=1
if [ "$system" = 1 ] && [ "$(id -u)" -ne 0 ]; then die "run as root (sudo ./install.sh), or --root DIR to stage an installation"; fi
has_systemd=0
if [ "$system" = 1 ] && command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then has_systemd=1; fi

# The installed airgap on the installed data home and settings (the bundle may be readable by root only, so this runs
# as the installer; the data home is handed to the service's user afterwards).
installed_airgap() {
  AIRGAP_HOME="$home" AIRGAP_CONFIG="$etc/airgap.json" "$prefix/airgap" "$@"
}

if [ "$action" = uninstall ]; then
  if [ "$has_systemd" = 1 ]; then
    systemctl disable --now airgap.service >/dev/null 2>&1 || true
  fi
  rm -f "$unit" "$wrapper"
  [ "$has_systemd" = 1 ] && systemctl daemon-reload
  rm -rf "$prefix"
  if [ "$purge" = 1 ]; then
    rm -rf "$home" "$etc"
    if [ "$system" = 1 ] && getent passwd "$service_user" >/dev/null 2>&1; then userdel "$service_user" || true; fi
    say "removed the program, the service, the data home and the settings"
  else
    say "removed the program and the service; the data home ($home) and settings ($etc) stay (--purge removes them)"
  fi
  exit 0
fi

case "$(uname -m)" in
  x86_64|amd64) rid=linux-x64 ;;
  *) die "no build in this bundle for $(uname -m)" ;;
esac
[ -x "$here/$rid/airgap" ] || die "this bundle holds no $rid build ($here/$rid/airgap); make one with 'airgap bundle --rid $rid'"

say "checking the bundle against SHA256SUMS"
(cd "$here" && sha256sum --quiet --strict -c SHA256SUMS) || die "the bundle is damaged or was changed: a file does not match SHA256SUMS; nothing was installed"
# A file the list does not name (a key or a pack added on the way) would be trusted or imported: refuse it too.
unlisted=$(cd "$here" && find . -type f ! -path ./SHA256SUMS | sed 's#^\./##' | while IFS= read -r file; do
  grep -qxF "$file" <<LISTED || echo "$file"
$(cut -c67- SHA256SUMS)
LISTED
done)
[ -z "$unlisted" ] || die "the bundle holds files SHA256SUMS does not list ($(echo "$unlisted" | head -3 | tr '\n' ' ')); nothing was installed"

if [ "$system" = 1 ] && ! getent passwd "$service_user" >/dev/null 2>&1; then
  say "creating the system user $service_user"
  useradd --system --user-group --home-dir /var/lib/airgap --no-create-home --shell /usr/sbin/nologin "$service_user"
fi

was_running=0
if [ "$has_systemd" = 1 ] && systemctl is-active --quiet airgap.service; then
  was_running=1
  say "stopping the running service for the upgrade"
  systemctl stop airgap.service
  # An upgrade that fails part-way (a pack refused) must not leave the site without its service.
  trap 'echo "airgap: the upgrade failed; starting the service again" >&2; systemctl start airgap.service' EXIT
fi

# The new program is copied whole beside the old one, then swapped in: an interrupted copy leaves the old one working.
say "installing the program in $prefix"
mkdir -p "$(dirname "$prefix")"
rm -rf "$prefix.new" "$prefix.old"
cp -R "$here/$rid" "$prefix.new"
cp "$here/README.md" "$prefix.new/README.md"
chmod -R u=rwX,go=rX "$prefix.new"
if [ -d "$prefix" ]; then mv "$prefix" "$prefix.old"; fi
mv "$prefix.new" "$prefix"
rm -rf "$prefix.old"

mkdir -p "$(dirname "$wrapper")"
cat > "$wrapper" <<WRAPPER
#!/bin/sh
# airgap on this machine's service data home and settings (set AIRGAP_HOME or AIRGAP_CONFIG to use others). Run by
# root, it runs as the service's user, so what it writes in the data home stays readable by the service.
export AIRGAP_HOME="\${AIRGAP_HOME:-$home}"
export AIRGAP_CONFIG="\${AIRGAP_CONFIG:-$etc/airgap.json}"
if [ "\$(id -u)" = 0 ] && [ "\$AIRGAP_HOME" = "$home" ] && id -u $service_user >/dev/null 2>&1 && command -v runuser >/dev/null 2>&1; then
  exec runuser -u $service_user -- env AIRGAP_HOME="\$AIRGAP_HOME" AIRGAP_CONFIG="\$AIRGAP_CONFIG" "$prefix/airgap" "\$@"
fi
exec "$prefix/airgap" "\$@"
WRAPPER
chmod 755 "$wrapper"

mkdir -p "$home" "$etc"
if [ ! -f "$etc/airgap.json" ]; then
  cp "$here/airgap.json" "$etc/airgap.json"
  say "wrote the settings $etc/airgap.json"
else
  say "kept the settings $etc/airgap.json"
fi
for key in "$here"/keys/*.pub; do
  [ -f "$key" ] || continue
  installed_airgap keys trust "$key"
done
for pack in "$here"/packs/*/; do
  [ -d "$pack" ] || continue
  say "importing $(basename "$pack")"
  installed_airgap import "$pack" --activate
done

if [ "$system" = 1 ]; then
  chown -R "$service_user:$service_user" "$home"
  chmod 750 "$home"
  chown root:"$service_user" "$etc" "$etc/airgap.json"
  chmod 750 "$etc"
  chmod 640 "$etc/airgap.json"
fi

mkdir -p "$(dirname "$unit")"
AIRGAP_CONFIG="$etc/airgap.json" "$prefix/airgap" service unit --exec /opt/airgap/airgap --user "$service_user" \
  --home /var/lib/airgap --config "$etc/airgap.json" > "$unit.new"
mv "$unit.new" "$unit"
if [ -n "$root" ]; then
  # A staged root's unit names the paths it will have once the root is the machine's.
  sed -i "s#Environment=AIRGAP_CONFIG=$etc/airgap.json#Environment=AIRGAP_CONFIG=/etc/airgap/airgap.json#" "$unit"
fi

if [ "$has_systemd" = 1 ]; then
  systemctl daemon-reload
  systemctl enable airgap.service >/dev/null 2>&1
  if [ "$start" = 1 ] || [ "$was_running" = 1 ]; then
    systemctl restart airgap.service
    say "the service is running: systemctl status airgap; logs: journalctl -u airgap"
  else
    say "installed; start it with: systemctl start airgap"
  fi
elif [ "$system" = 1 ]; then
  say "installed; no systemd here: run '$prefix/airgap serve' under your service manager"
else
  say "staged under $root"
fi
trap - EXIT
say "done: $prefix/airgap (on PATH as $wrapper), data home $home, settings $etc/airgap.json"
