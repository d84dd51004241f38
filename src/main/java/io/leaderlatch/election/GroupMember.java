package io.leaderlatch.election;

/** One entry of a group record: who the member is, and the client name it joined with. */
public record GroupMember(MemberId id, String client) {
}
