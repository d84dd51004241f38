package io.leaderlatch.load;

/** One hostile behaviour under way against the service, from its own address, until stopped. */
interface Attacker {

    /** Stops the attack, closes its connections, and says what it did and what the service did to it. */
    Effect stop();

    /**
     * @param description what the attack did and how the service answered, counted
     * @param tookEffect  whether the service saw the attack at all (an attack that did not happen
     *                    measures nothing, and fails the run)
     */
    record Effect(String description, boolean tookEffect) {
    }
}
