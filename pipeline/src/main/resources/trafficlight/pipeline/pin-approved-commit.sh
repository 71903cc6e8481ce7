# Checks out, in the code input $CODE, the commit a person approved: the one in $APPROVAL/commit
# (written by the gate resource's get), or $APPROVED_COMMIT when set. Refuses, with one line and
# nothing checked out, when that commit is missing from the fetched history or is not an ancestor
# of the fetched version, so the deploy after it never ships something else.
set -eu
fail() {
  echo "pin-approved-commit: $*; nothing was deployed" >&2
  exit 1
}
if [ -n "${APPROVED_COMMIT:-}" ]; then
  sha=$APPROVED_COMMIT
  from="APPROVED_COMMIT"
else
  [ -f "$APPROVAL/commit" ] || fail "$APPROVAL/commit is missing: the approved gate issue records no deployed commit (deployed without commit_from, or by an older resource); approve a build deployed with commit_from, or set pin: false in the chain file"
  sha=$(head -n 1 "$APPROVAL/commit")
  from="$APPROVAL/commit"
fi
case "$sha" in
  '' | *[!0-9a-f]*) fail "$from holds \"$sha\", not a full commit SHA" ;;
esac
[ ${#sha} -eq 40 ] || [ ${#sha} -eq 64 ] || fail "$from holds \"$sha\", not a full commit SHA"
# the checkout may belong to another user (the get's container); trust it for these calls only
g() { git -c safe.directory='*' -C "$CODE" "$@"; }
[ -e "$CODE/.git" ] || fail "$CODE is not a git checkout"
git_dir=$(g rev-parse --absolute-git-dir 2> /dev/null) || fail "$CODE is not a git checkout"
fetched=$(g rev-parse HEAD)
hint="the branch was force-pushed without it"
if [ -f "$git_dir/shallow" ]; then
  hint="$hint, or it lies beyond the shallow clone's depth (raise the get's depth)"
fi
g cat-file -e "$sha^{commit}" 2> /dev/null ||
  fail "the approved commit $sha is not in the fetched history of $CODE ($hint)"
g merge-base --is-ancestor "$sha" "$fetched" ||
  fail "the approved commit $sha is not the fetched version $fetched of $CODE nor one of its ancestors ($hint)"
g -c advice.detachedHead=false checkout -q --detach "$sha" || fail "cannot check out $sha in $CODE"
# what Concourse's git resource left describes the fetched version: make it describe this one
printf '%s\n' "$sha" > "$git_dir/ref"
printf '%s\n' "$(printf '%s' "$sha" | cut -c1-7)" > "$git_dir/short_ref"
g log -1 --format=format:%B > "$git_dir/commit_message"
g log -1 --format=format:%ae > "$git_dir/committer"
for stale in describe_ref commit_timestamp committer_name author author_date metadata.json; do
  rm -f "$git_dir/$stale"
done
echo "pin-approved-commit: $CODE is at $(g log -1 --format='%h %s'), the approved commit ($from); the fetched version was $(printf '%s' "$fetched" | cut -c1-7)"
