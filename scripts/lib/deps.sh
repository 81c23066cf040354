# shellcheck shell=bash
# Build and test dependencies of Quotewire on Debian 12, shared by
# scripts/quickstart and scripts/test. Source it, then call
# quotewire_install_deps. Installs only what dpkg reports missing; runs
# `apt-get update` only when something is missing; uses sudo only when not
# root. Set QUOTEWIRE_SKIP_DEPS=1 to skip the check entirely.

QUOTEWIRE_APT_PACKAGES=(
  build-essential cmake pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libre2-dev libabsl-dev libsqlite3-dev libpq-dev postgresql-15 postgresql-15-rum
  libicu-dev liblinear-dev
  libcld2-dev libstemmer-dev hunspell-de-de wngerman
  hunspell-en-us hunspell-nl hunspell-fr-classical hunspell-es hunspell-it
  hunspell-pt-pt hunspell-ru hunspell-cs hunspell-pl
  wamerican wdutch wfrench wspanish witalian wportuguese
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-grpc-tools python3-grpcio python3-protobuf
  openssl
  golang-go protoc-gen-go protoc-gen-go-grpc golang-google-protobuf-dev
  golang-github-golang-protobuf-1-5-dev golang-google-grpc-dev golang-google-genproto-dev
  nodejs npm
  libcpp-httplib-dev libgoogle-common-protos-java nghttp2-client
  chromium
)

# Prints the names that installed packages provide (a Node.js build that ships
# npm itself provides `npm`), one per line.
quotewire_provided_packages() {
  dpkg-query -W -f='${Status}\t${Provides}\n' 2>/dev/null |
    awk -F'\t' '$1 == "install ok installed" && $2 != "" { print $2 }' |
    tr ',' '\n' | sed -e 's/^ *//' -e 's/[ :(].*//'
}

# Prints the packages of QUOTEWIRE_APT_PACKAGES that are neither installed nor
# provided by an installed package.
quotewire_missing_packages() {
  local package provided
  provided="$(quotewire_provided_packages)"
  for package in "${QUOTEWIRE_APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null |
        grep -q '^install ok installed$' &&
        ! grep -qxF "$package" <<<"$provided"; then
      echo "$package"
    fi
  done
}

quotewire_install_deps() {
  if [[ "${QUOTEWIRE_SKIP_DEPS:-0}" == 1 ]]; then
    return 0
  fi
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "quotewire: dpkg-query not found; install the packages listed in scripts/lib/deps.sh by hand" >&2
    return 0
  fi
  local missing
  mapfile -t missing < <(quotewire_missing_packages)
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "quotewire: missing packages (${missing[*]}) and no sudo; run as root or install them" >&2
      return 1
    fi
    sudo=(sudo)
  fi
  echo "quotewire: installing ${missing[*]}" >&2
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}
