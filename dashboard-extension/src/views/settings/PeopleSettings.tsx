/**
 * Roles, capacity, skills and away status of the people who work in PodOps (managers). Skills are
 * product types picked from the shop's in Saleor (none: every product type).
 */
import { Box, Button, Checkbox, Input, Text } from "@saleor/macaw-ui";
import { type FormEvent, useState } from "react";

import { usePodOpsMutation, usePodOpsQuery } from "../../api/hooks";
import { NativeSelect } from "../../components/NativeSelect";
import { EmptyState, ErrorState, QueryStates } from "../../components/states";
import { ROLE_LABELS } from "../../format/stages";
import { ProductTypesPicker } from "../../productTypes/ProductTypePicker";
import { type KnownProductTypes, useKnownProductTypes } from "../../productTypes/productTypes";
import {
  StaffAwayUpdateMutation,
  StaffCapacityUpdateMutation,
  StaffQuery,
  StaffRoleAssignMutation,
  StaffRoleRevokeMutation,
  StaffSkillsUpdateMutation,
} from "../../graphql/documents";
import type { PodOpsRole, StaffQuery as StaffResult } from "../../graphql/generated/graphql";

type Person = StaffResult["staff"][number];

const ROLES = Object.keys(ROLE_LABELS) as PodOpsRole[];
const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

function usePeopleMutations() {
  return {
    assign: usePodOpsMutation(StaffRoleAssignMutation, (data) => data.staffRoleAssign?.errors),
    revoke: usePodOpsMutation(StaffRoleRevokeMutation, (data) => data.staffRoleRevoke?.errors),
    capacity: usePodOpsMutation(StaffCapacityUpdateMutation, (data) => data.staffCapacityUpdate?.errors),
    away: usePodOpsMutation(StaffAwayUpdateMutation, (data) => data.staffAwayUpdate?.errors),
    skills: usePodOpsMutation(StaffSkillsUpdateMutation, (data) => data.staffSkillsUpdate?.errors),
  };
}

export function PeopleSettings() {
  const staff = usePodOpsQuery(StaffQuery, {});
  const mutations = usePeopleMutations();
  // one question to Saleor for everybody's skills
  const known = useKnownProductTypes(staff.data?.staff.flatMap((person) => person.skills) ?? []);
  const failed = Object.values(mutations).find((mutation) => mutation.isError);
  return (
    <Box display="flex" flexDirection="column" gap={3}>
      <Text as="h2" size={6} fontWeight="bold">
        People
      </Text>
      {failed ? <ErrorState title="Not saved" error={failed.error} /> : null}
      <QueryStates
        query={staff}
        loadingLabel="Loading people…"
        isEmpty={(data) => data.staff.length === 0}
        empty={<EmptyState title="Nobody has a role yet">Add people below.</EmptyState>}
      >
        {(data) => (
          <Box display="flex" flexDirection="column" gap={2} data-testid="people">
            {data.staff.map((person) => (
              <PersonRow key={person.userId} person={person} mutations={mutations} known={known} />
            ))}
          </Box>
        )}
      </QueryStates>
      <AddPerson assign={mutations.assign} />
    </Box>
  );
}

function PersonRow({
  person,
  mutations,
  known,
}: {
  person: Person;
  mutations: ReturnType<typeof usePeopleMutations>;
  known: KnownProductTypes;
}) {
  const [capacity, setCapacity] = useState(String(person.capacity));
  const [skills, setSkills] = useState<string[]>(person.skills);
  const [newRole, setNewRole] = useState("");
  const missingRoles = roleOptions.filter((option) => !person.roles.includes(option.value));
  return (
    <Box
      display="grid"
      __gridTemplateColumns="minmax(180px, 1.5fr) 2fr 1fr 1.5fr auto"
      gap={3}
      alignItems="end"
      padding={3}
      borderWidth={1}
      borderStyle="solid"
      borderColor="default1"
      borderRadius={4}
      data-testid="person-row"
    >
      <Box display="flex" flexDirection="column" gap={1}>
        <Text size={3} fontWeight="medium">
          {person.email || person.userId}
        </Text>
        <Text size={1} color="default2">
          {person.load} of {person.capacity} units held
        </Text>
      </Box>
      <Box display="flex" flexDirection="column" gap={2}>
        <Box display="flex" gap={1} flexWrap="wrap">
          {person.roles.map((role) => (
            <Button
              key={role}
              size="small"
              variant="secondary"
              title={`Take the ${ROLE_LABELS[role]} role away`}
              onClick={() => mutations.revoke.mutate({ userId: person.userId, role })}
            >
              {ROLE_LABELS[role]} ×
            </Button>
          ))}
        </Box>
        {missingRoles.length > 0 ? (
          <Box display="flex" gap={1} alignItems="end">
            <NativeSelect
              id={`add-role-${person.userId}`}
              label="Add role"
              value={newRole}
              placeholder="Choose"
              options={missingRoles}
              onChange={(event) => setNewRole(event.target.value)}
            />
            <Button
              size="small"
              disabled={!newRole}
              onClick={() =>
                mutations.assign.mutate(
                  { userId: person.userId, email: person.email, role: newRole as PodOpsRole },
                  { onSuccess: () => setNewRole("") },
                )
              }
            >
              Add
            </Button>
          </Box>
        ) : null}
      </Box>
      <Box display="flex" gap={1} alignItems="end">
        <Input label="Capacity" type="number" min={0} max={1000} value={capacity} onChange={(event) => setCapacity(event.target.value)} />
        <Button
          size="small"
          variant="secondary"
          disabled={capacity === String(person.capacity) || capacity === ""}
          onClick={() => mutations.capacity.mutate({ userId: person.userId, capacity: Number(capacity) })}
        >
          Save
        </Button>
      </Box>
      <Box display="flex" gap={1} alignItems="end">
        <Box __flex="1" __minWidth="0">
          <ProductTypesPicker
            id={`skills-${person.userId}`}
            label="Skills (product types)"
            value={skills}
            onChange={setSkills}
            known={known}
          />
        </Box>
        <Button
          size="small"
          variant="secondary"
          aria-label={`Save the skills of ${person.email || person.userId}`}
          disabled={skills.join("\n") === person.skills.join("\n")}
          onClick={() => mutations.skills.mutate({ userId: person.userId, skills })}
        >
          Save
        </Button>
      </Box>
      <Checkbox
        checked={person.isAway}
        onCheckedChange={(checked) => mutations.away.mutate({ userId: person.userId, isAway: checked === true })}
      >
        <Text size={2}>Away</Text>
      </Checkbox>
    </Box>
  );
}

function AddPerson({ assign }: { assign: ReturnType<typeof usePeopleMutations>["assign"] }) {
  const [userId, setUserId] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<string>("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (userId.trim() && role) {
      assign.mutate(
        { userId: userId.trim(), email: email.trim(), role: role as PodOpsRole },
        {
          onSuccess: () => {
            setUserId("");
            setEmail("");
            setRole("");
          },
        },
      );
    }
  };
  return (
    <Box as="form" display="flex" gap={2} alignItems="end" flexWrap="wrap" onSubmit={submit} aria-label="Add a person">
      <Input label="Saleor staff user id" value={userId} onChange={(event) => setUserId(event.target.value)} />
      <Input label="Email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
      <NativeSelect id="add-person-role" label="Role" value={role} placeholder="Choose" options={roleOptions} onChange={(event) => setRole(event.target.value)} />
      <Button type="submit" disabled={!userId.trim() || !role || assign.isPending}>
        Give role
      </Button>
    </Box>
  );
}
