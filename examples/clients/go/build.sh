#!/bin/sh
# Generates the Go package of quotewire.proto (import path
# quotewire.dev/api/quotewire/v1, from the proto's go_package) with Debian's
# protoc-gen-go and protoc-gen-go-grpc into a GOPATH, then builds ./quotes
# (or $1) in GOPATH mode against Debian's Go packages in /usr/share/gocode:
# no module proxy, no network.
#   QUOTEWIRE_PROTO_DIR       default: the repository's proto/
#   QUOTEWIRE_GOOGLEAPIS_DIR  default: the repository's build/proto/googleapis
#   QUOTEWIRE_GOPATH          where the generated package goes; default: ./gopath
set -eu
here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-$here/quotes}
proto_dir=${QUOTEWIRE_PROTO_DIR:-$here/../../../proto}
googleapis_dir=${QUOTEWIRE_GOOGLEAPIS_DIR:-$here/../../../build/proto/googleapis}
gopath=${QUOTEWIRE_GOPATH:-$here/gopath}
mkdir -p "$gopath/src"
set -- -I "$proto_dir"
if [ -d "$googleapis_dir/google/api" ]; then
  set -- "$@" -I "$googleapis_dir"
fi
protoc "$@" --go_out="$gopath/src" --go-grpc_out="$gopath/src" quotewire/v1/quotewire.proto
cd "$here"
GO111MODULE=off GOPATH="$gopath:/usr/share/gocode" go build -o "$binary" .
